package server

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"navigator"
	"navigator/internal/httpjson"
	"navigator/internal/service"
)

// The registry of executors by social certificate (189-ФЗ), as API.md
// says under «Social certificate».

// apiExecutors is the public registry. Without status= it lists the
// organizations included — the registry proper; status= asks for one of
// pending, included, refused, excluded. Without municipality_id= it is
// the whole region's.
func (s *Server) apiExecutors(w http.ResponseWriter, r *http.Request) {
	var fields navigator.Fields
	mun := queryInt(r, "municipality_id", &fields)
	if err := fields.Err(); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	list, err := s.svc.PublicExecutors(r.Context(), int64(mun), r.URL.Query().Get("status"))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": len(list)})
}

// apiAdminExecutors is a keeper's list of applications (?status=).
func (s *Server) apiAdminExecutors(w http.ResponseWriter, r *http.Request) {
	var fields navigator.Fields
	mun := queryInt(r, "municipality_id", &fields)
	if err := fields.Err(); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	list, err := s.svc.Executors(r.Context(), actorOf(r), service.ExecutorFilter{MunicipalityID: int64(mun),
		Status: navigator.ExecutorStatus(r.URL.Query().Get("status"))})
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": len(list)})
}

func (s *Server) apiApplyExecutor(w http.ResponseWriter, r *http.Request) {
	if err := s.svc.MayApplyExecutor(actorOf(r)); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var req struct {
		OrganizationID int64               `json:"organization_id"`
		Checklist      navigator.Checklist `json:"checklist"`
	}
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	x, err := s.svc.ApplyExecutor(r.Context(), actorOf(r), req.OrganizationID, req.Checklist, nil)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, x)
}

func (s *Server) apiExecutorCard(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	x, err := s.svc.ExecutorCard(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, x)
}

func (s *Server) apiDecideExecutor(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var req struct {
		Decision navigator.ExecutorDecision `json:"decision"`
		Reason   string                     `json:"reason"`
	}
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	x, err := s.svc.DecideExecutor(r.Context(), actorOf(r), id, req.Decision, req.Reason)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, x)
}

// apiAttachExecutorDocument takes multipart/form-data: requirement (a
// checklist code) and file.
func (s *Server) apiAttachExecutorDocument(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.svc.MayApplyExecutor(actorOf(r))
	}
	if err == nil {
		err = s.svc.ExecutorScope(r.Context(), actorOf(r), id)
	}
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	doc, err := uploadedDocument(r, "file", r.FormValue("requirement"))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	d, err := s.svc.AttachExecutorDocument(r.Context(), actorOf(r), id, doc)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, d)
}

func (s *Server) apiDeleteExecutorDocument(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	var doc int64
	if err == nil {
		doc, err = pathID(r, "doc")
	}
	if err == nil {
		err = s.svc.DeleteExecutorDocument(r.Context(), actorOf(r), id, doc)
	}
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) apiExecutorDocument(w http.ResponseWriter, r *http.Request) {
	s.apiExecutorDocumentAs(w, r, s.writeProblem)
}

// writeDocument sends a stored document as a download, its type the one
// sniffed when it was stored.
func writeDocument(w http.ResponseWriter, d *service.ExecutorDocument) {
	w.Header().Set("Content-Type", d.ContentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(d.Body)))
	w.Header().Set("Content-Disposition", `attachment; filename="document-`+strconv.FormatInt(d.ID, 10)+`"; filename*=UTF-8''`+url.PathEscape(d.Name))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(d.Body)
}

// uploadedDocument reads one file field of a multipart form; an absent
// or empty field is an empty document, which the rules refuse by name.
func uploadedDocument(r *http.Request, field, requirement string) (service.NewExecutorDocument, error) {
	doc := service.NewExecutorDocument{Requirement: requirement}
	if err := parseUpload(r); err != nil {
		return doc, err
	}
	f, h, err := r.FormFile(field)
	if errors.Is(err, http.ErrMissingFile) {
		return doc, nil
	}
	if err != nil {
		return doc, navigator.Errorf(navigator.KindMalformed, "Не удалось прочитать файл.")
	}
	return readUpload(f, h, requirement)
}

// readUpload reads an uploaded file, at most one byte over the limit so
// that a file too large is named so.
func readUpload(f multipart.File, h *multipart.FileHeader, requirement string) (service.NewExecutorDocument, error) {
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, navigator.MaxExecutorDocument+1))
	if err != nil {
		return service.NewExecutorDocument{}, navigator.Errorf(navigator.KindMalformed, "Не удалось прочитать файл.")
	}
	return service.NewExecutorDocument{Requirement: requirement, Name: h.Filename, Body: body}, nil
}

// parseUpload parses a multipart form once, keeping at most a document's
// worth in memory.
func parseUpload(r *http.Request) error {
	if r.MultipartForm != nil {
		return nil
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return navigator.Errorf(navigator.KindMalformed, "Документ отправляется как multipart/form-data: поля requirement и file.")
	}
	if err := r.ParseMultipartForm(navigator.MaxExecutorDocument + 1<<20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return navigator.Invalid(navigator.FieldError{Field: "file", Code: "too_large", Message: "Файл больше 5 МБ: уменьшите его или отсканируйте с меньшим разрешением."})
		}
		return navigator.Errorf(navigator.KindMalformed, "Не удалось прочитать форму с файлом.")
	}
	return nil
}

// uploadLimit is the request body a form with documents may send: the
// two documents the checklist asks for and the form around them.
const uploadLimit = 2*navigator.MaxExecutorDocument + 1<<20

// uploads tells the requests that send documents.
func uploads(r *http.Request) bool {
	return r.Method == http.MethodPost && (strings.HasPrefix(r.URL.Path, "/api/v1/admin/executors/") && strings.HasSuffix(r.URL.Path, "/documents") ||
		strings.HasPrefix(r.URL.Path, "/admin/executor"))
}
