package server

import (
	"net/http"
	"strconv"

	"navigator"
)

// pageHome is the portal's home page: the seven directions and the search.
func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	page, err := s.db.ListPrograms(r.Context(), navigator.ProgramFilter{Sort: navigator.SortNewest, PerPage: 6})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home.html", "Навигатор дополнительного образования", page)
}

// catalogView is the catalog page's data.
type catalogView struct {
	Filter         navigator.ProgramFilter
	Page           *navigator.ProgramPage
	Municipalities []navigator.Municipality
	Prev, Next     string
	Pages          int
	Error          string
}

func (s *Server) pagePrograms(w http.ResponseWriter, r *http.Request) {
	ms, err := s.db.Municipalities(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := catalogView{Municipalities: ms, Page: &navigator.ProgramPage{}}
	f, err := programFilter(r)
	if err == nil {
		f.Normalize()
		v.Page, err = s.db.ListPrograms(r.Context(), f)
	}
	v.Filter = f
	status := http.StatusOK
	if err != nil {
		if k := navigator.ErrorKind(err); k != navigator.KindInvalid && k != navigator.KindMalformed {
			s.pageError(w, r, err)
			return
		}
		v.Error, v.Page, status = navigator.ErrorMessage(err), &navigator.ProgramPage{}, http.StatusBadRequest
	}
	v.Pages = (v.Page.Total + f.PerPage - 1) / max(f.PerPage, 1)
	q := r.URL.Query()
	if f.Page > 1 {
		v.Prev = withParam(q, "page", strconv.Itoa(f.Page-1))
	}
	if f.Page < v.Pages {
		v.Next = withParam(q, "page", strconv.Itoa(f.Page+1))
	}
	title := "Каталог программ"
	if f.Query != "" {
		title = "Поиск: " + f.Query
	}
	s.render(w, r, status, "programs.html", title, v)
}

// programView is the program page: for a signed-in parent also what each
// child's certificate and the family would pay.
type programView struct {
	Program  *navigator.Program
	Children []childPayment
	Flash    string
	Error    string
	Parent   bool
}

type childPayment struct {
	Child    *navigator.Child
	Payments []groupPayment
}

type groupPayment struct {
	Group   string
	Payment navigator.Payment
}

func (s *Server) pageProgram(w http.ResponseWriter, r *http.Request) {
	s.renderProgram(w, r, http.StatusOK, "")
}

func (s *Server) renderProgram(w http.ResponseWriter, r *http.Request, status int, msg string) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	a := actorOf(r)
	p, err := s.svc.ViewProgram(r.Context(), a, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := programView{Program: p, Flash: flash(r), Error: msg, Parent: a.Role == navigator.RoleParent}
	if v.Parent {
		children, err := s.svc.MyChildren(r.Context(), a)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		for _, c := range children {
			cp := childPayment{Child: c}
			for _, m := range p.Modules {
				cp.Payments = append(cp.Payments, groupPayment{Group: m.Name, Payment: navigator.SplitPayment(p.Registry, m.PricePerMonth, m.NormativeCost, c.Certificate)})
			}
			v.Children = append(v.Children, cp)
		}
	}
	s.render(w, r, status, "program.html", p.Title, v)
}

// pageProgramApply is «Записаться»: a child and a group.
func (s *Server) pageProgramApply(w http.ResponseWriter, r *http.Request) {
	if !s.parentOnly(w, r) {
		return
	}
	childID, _ := strconv.ParseInt(r.PostFormValue("child_id"), 10, 64)
	groupID, _ := strconv.ParseInt(r.PostFormValue("group_id"), 10, 64)
	if _, _, err := s.svc.Apply(r.Context(), actorOf(r), childID, groupID, ""); err != nil {
		switch navigator.ErrorKind(err) {
		case navigator.KindInvalid, navigator.KindConflict, navigator.KindNotFound:
			s.renderProgram(w, r, statusOf[navigator.ErrorKind(err)], navigator.ErrorMessage(err))
		default:
			s.pageError(w, r, err)
		}
		return
	}
	http.Redirect(w, r, "/cabinet/applications?done=applied", http.StatusSeeOther)
}

// officesView groups certificate offices by municipality.
