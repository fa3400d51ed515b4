package service

import (
	"context"
	"slices"
	"strconv"

	"navigator"
	"navigator/internal/store"
)

// AbsentValidCountsKey is the region setting that says whether a lesson
// missed for a valid reason counts as hours given (navigator.HoursRule);
// "true" or "false", by default false.
const AbsentValidCountsKey = "attendance_absent_valid_counts"

// HoursRule is the region's rule of which marks count as hours given.
func (s *Service) HoursRule(ctx context.Context) (navigator.HoursRule, error) {
	v, err := s.db.Setting(ctx, AbsentValidCountsKey, "false")
	if err != nil {
		return navigator.HoursRule{}, err
	}
	on, _ := strconv.ParseBool(v)
	return navigator.HoursRule{AbsentValidCounts: on}, nil
}

// SetHoursRule is the regional admin's choice whether a lesson missed for
// a valid reason is paid.
func (s *Service) SetHoursRule(ctx context.Context, a navigator.Actor, r navigator.HoursRule) error {
	if err := require(a, navigator.PermRunRegion); err != nil {
		return err
	}
	return s.db.SetSetting(ctx, AbsentValidCountsKey, strconv.FormatBool(r.AbsentValidCounts), entry(a, "settings.absent_valid_counts"))
}

// groupReadable refuses a group's journal to whom it does not concern:
// its provider, the municipal admins of its program's and its
// certificates' municipalities, the regional admin.
func (s *Service) groupReadable(ctx context.Context, a navigator.Actor, groupID int64) (*store.GroupPlace, error) {
	if !a.SignedIn() {
		return nil, navigator.Errorf(navigator.KindUnauthorized, "Войдите в систему.")
	}
	switch a.Role {
	case navigator.RoleProvider, navigator.RoleMunicipalAdmin, navigator.RoleRegionalAdmin:
	default:
		return nil, forbidden("Журнал посещаемости доступен организатору и органам управления образованием.")
	}
	g, err := s.db.GroupPlace(ctx, groupID)
	if err != nil {
		return nil, outOfScope()
	}
	switch {
	case a.Role == navigator.RoleRegionalAdmin,
		a.Role == navigator.RoleProvider && g.OrganizationID == a.OrganizationID,
		a.Role == navigator.RoleMunicipalAdmin && slices.Contains(g.Municipalities, a.MunicipalityID):
		return g, nil
	}
	return nil, outOfScope()
}

// AttendanceMonth is a group's journal for a month, read by those it
// concerns; it names the children, so the read is audited.
func (s *Service) AttendanceMonth(ctx context.Context, a navigator.Actor, groupID int64, month string) (*store.MonthJournal, error) {
	if _, err := s.groupReadable(ctx, a, groupID); err != nil {
		return nil, err
	}
	j, err := s.db.AttendanceMonth(ctx, groupID, month)
	if err != nil {
		return nil, err
	}
	e := entry(a, "attendance.read")
	e.SubjectKind, e.SubjectID, e.Details = "group", groupID, month
	return j, s.db.Audit(ctx, *e)
}

// PutAttendance writes a day's marks of a group: its provider's staff
// only, the whole day or nothing, audited.
func (s *Service) PutAttendance(ctx context.Context, a navigator.Actor, groupID int64, on navigator.Date, entries []navigator.AttendanceEntry) (*store.JournalDay, error) {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return nil, err
	}
	// Another's group is not found before anything of the request is judged.
	if _, err := s.db.GroupOfOrganization(ctx, groupID, a.OrganizationID); err != nil {
		return nil, outOfScope()
	}
	day, err := s.db.PutAttendance(ctx, store.DayMarks{GroupID: groupID, OrganizationID: a.OrganizationID, StaffID: a.ID, On: on, Entries: entries},
		entry(a, "attendance.mark"))
	if navigator.ErrorKind(err) == navigator.KindNotFound {
		return nil, outOfScope()
	}
	return day, err
}
