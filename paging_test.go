package navigator

import "testing"

func TestPageOf(t *testing.T) {
	cases := []struct {
		page, per, def int
		want           Paging
		offset, pages  int // pages of 245 items
	}{
		{0, 0, 0, Paging{1, 20}, 0, 13},
		{-3, -1, 50, Paging{1, 50}, 0, 5},
		{3, 0, 30, Paging{3, 30}, 60, 9},
		{2, 100, 20, Paging{2, 100}, 100, 3},
		{1, 101, 20, Paging{1, 100}, 0, 3},
		{1, 100000, 50, Paging{1, 100}, 0, 3},
		{5, 7, 500, Paging{5, 7}, 28, 35},
	}
	for _, c := range cases {
		got := PageOf(c.page, c.per, c.def)
		if got != c.want || got.Offset() != c.offset || got.Pages(245) != c.pages {
			t.Errorf("PageOf(%d, %d, %d) = %+v offset %d pages %d; want %+v offset %d pages %d",
				c.page, c.per, c.def, got, got.Offset(), got.Pages(245), c.want, c.offset, c.pages)
		}
	}
	if p := PageOf(1, 20, 20).Pages(0); p != 1 {
		t.Errorf("an empty list has %d pages, want 1", p)
	}
}
