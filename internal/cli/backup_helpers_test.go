package cli

import "navigator"

func navigatorFilter() navigator.ProgramFilter { return navigator.ProgramFilter{PerPage: 1} }
