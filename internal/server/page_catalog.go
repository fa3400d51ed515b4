package server

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"navigator"
	"navigator/internal/service"
)

// pageHome is the portal's home page: the seven directions and the search.
func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	page, err := s.svc.ListPrograms(r.Context(), navigator.ProgramFilter{Sort: navigator.SortNewest, PerPage: 6})
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
	ms, err := s.svc.PublicMunicipalities(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := catalogView{Municipalities: ms, Page: &navigator.ProgramPage{}}
	f, err := programFilter(r)
	if _, chosen := r.URL.Query()["municipality_id"]; err == nil && !chosen && actorOf(r).Role == navigator.RoleParent {
		// A parent's catalog starts in their own municipality; «Все» in
		// the filter shows the whole region.
		f.MunicipalityID = actorOf(r).MunicipalityID
	}
	if err == nil {
		f.Normalize()
		v.Page, err = s.svc.ListPrograms(r.Context(), f)
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
	Groups   map[int64]groupChoice // by group: who may apply and why the others may not
	Deferred int                   // the program's place among the parent's put aside; 0: not there
	Flash    string
	Error    string
	Parent   bool
}

// groupChoice is, for one group, the children who may apply to it and,
// before the button, what stops each of the others and where to go.
type groupChoice struct {
	Eligible []*navigator.Child
	Blocked  []childBlock
}

type childBlock struct {
	Child  *navigator.Child
	Reason string
	Link   string // where the parent can mend it
	Action string // the link's words
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
		orders := map[int64]*navigator.SocialOrder{} // by the certificates' municipality: siblings share one
		for _, c := range children {
			cp := childPayment{Child: c}
			var line navigator.SocialOrderLine
			ordered := false
			if c.Certificate != nil && c.Certificate.Social() {
				o, ok := orders[c.Certificate.MunicipalityID]
				if !ok {
					if o, err = s.svc.SocialOrder(r.Context(), c.Certificate.MunicipalityID, s.svc.Today().Time().Year()); err != nil {
						s.pageError(w, r, err)
						return
					}
					orders[c.Certificate.MunicipalityID] = o
				}
				line, ordered = o.Line(p.Direction)
				ordered = ordered && line.Method == navigator.MethodCertificate
			}
			for _, m := range p.Modules {
				pay := navigator.SplitPayment(p.Registry, m.PricePerMonth, m.NormativeCost, c.Certificate)
				if c.Certificate != nil && c.Certificate.Social() {
					pay = navigator.SplitSocialPayment(p.Registry, m.PricePerMonth, m, line.HourCost, ordered, c.Certificate)
				}
				cp.Payments = append(cp.Payments, groupPayment{Group: m.Name, Payment: pay})
			}
			v.Children = append(v.Children, cp)
		}
		apps, err := s.svc.MyApplications(r.Context(), a)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		executor := map[int64]bool{} // the program's provider is in the registry of the child's certificate's municipality
		for _, c := range children {
			if c.Certificate == nil || !c.Certificate.Social() {
				continue
			}
			mun := c.Certificate.MunicipalityID
			if _, seen := executor[mun]; seen {
				continue
			}
			registry, err := s.svc.PublicExecutors(r.Context(), mun, "")
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			executor[mun] = slices.ContainsFunc(registry, func(x service.PublicExecutor) bool { return x.OrganizationID == p.OrganizationID })
		}
		v.Groups = groupChoices(p, children, apps, s.svc.Today(), executor)
		marks, err := s.svc.MyDeferred(r.Context(), a)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		for _, m := range marks {
			if m.Program.ID == p.ID {
				v.Deferred = m.Rank
			}
		}
	}
	s.render(w, r, status, "program.html", p.Title, v)
}

// groupChoices says for each group of p which children may apply and,
// for the others, what stops them: an application to the program already
// live, the age, the certificate (for a social one, whether the provider
// is in the registry of executors: executor, by the certificate's
// municipality). The store checks again when the parent
// applies (the municipality's limit of budget programs, the seats).
func groupChoices(p *navigator.Program, children []*navigator.Child, apps []service.ApplicationRow, today navigator.Date, executor map[int64]bool) map[int64]groupChoice {
	applied := map[int64]service.ApplicationRow{}
	for _, ap := range apps {
		if ap.ProgramID == p.ID && navigator.ApplicationStatus(ap.Status).Live() {
			applied[ap.ChildID] = ap
		}
	}
	out := make(map[int64]groupChoice, len(p.Groups))
	for _, g := range p.Groups {
		var gc groupChoice
		for _, c := range children {
			if ap, ok := applied[c.ID]; ok {
				gc.Blocked = append(gc.Blocked, childBlock{Child: c,
					Reason: fmt.Sprintf("Заявка № %s на эту программу уже подана (группа «%s», %s).", ap.Number, ap.Group, strings.ToLower(navigator.ApplicationStatus(ap.Status).Title())),
					Link:   fmt.Sprintf("/cabinet/applications/%d", ap.ID), Action: "Открыть заявку"})
				continue
			}
			err := navigator.Enrolment{Accepting: g.Accepting, GroupEndsOn: g.EndsOn, AgeFrom: p.AgeFrom, AgeTo: p.AgeTo, Registry: p.Registry,
				BirthDate: c.BirthDate, Certificate: c.Certificate, Today: today, Executor: c.Certificate != nil && executor[c.Certificate.MunicipalityID],
			}.Check()
			if err == nil {
				gc.Eligible = append(gc.Eligible, c)
				continue
			}
			b := childBlock{Child: c, Reason: navigator.ErrorMessage(err)}
			var e *navigator.Error
			if asError(err, &e) && (e.Code == "no_certificate" || e.Code == "unconfirmed_certificate" || e.Code == "balance") {
				b.Link, b.Action = fmt.Sprintf("/cabinet/children/%d", c.ID), "Карточка ребёнка"
			}
			gc.Blocked = append(gc.Blocked, b)
		}
		out[g.ID] = gc
	}
	return out
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
