package marks

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		spec string
		want map[string]Meaning
		err  string
	}{
		{spec: "rt_blocking", want: map[string]Meaning{"rt_blocking": {Co, NoLock}}},
		{spec: "a=co, b=co_mixed+rdlock ,c=no_co+wrlock,E_2",
			want: map[string]Meaning{"a": {Co, NoLock}, "b": {CoMixed, RdLock}, "c": {NoCo, WrLock}, "E_2": {Co, NoLock}}},
		{spec: "a=", err: `bad kind "" for mark "a": want co, co_mixed or no_co`},
		{spec: "a=+rdlock", err: `bad kind "" for mark "a": want co, co_mixed or no_co`},
		{spec: "a=none", err: `bad kind "none" for mark "a": want co, co_mixed or no_co`},
		{spec: "a=co+none", err: `bad lock "none" for mark "a": want rdlock or wrlock`},
		{spec: "", err: `bad mark "" in "": want NAME[=KIND[+LOCK]]`},
		{spec: "a,,b", err: `bad mark "" in "a,,b": want NAME[=KIND[+LOCK]]`},
		{spec: "a,", err: `bad mark "" in "a,": want NAME[=KIND[+LOCK]]`},
		{spec: "2a", err: `bad mark "2a" in "2a": want NAME[=KIND[+LOCK]]`},
		{spec: "a-b=co", err: `bad mark "a-b=co" in "a-b=co": want NAME[=KIND[+LOCK]]`},
		{spec: "=co", err: `bad mark "=co" in "=co": want NAME[=KIND[+LOCK]]`},
		{spec: "é=co", err: `bad mark "é=co" in "é=co": want NAME[=KIND[+LOCK]]`},
		{spec: "a b", err: `bad mark "a b" in "a b": want NAME[=KIND[+LOCK]]`},
		{spec: "a=mixed", err: `bad kind "mixed" for mark "a": want co, co_mixed or no_co`},
		{spec: "a=co+", err: `bad lock "" for mark "a": want rdlock or wrlock`},
		{spec: "a=co+rdlock+wrlock", err: `bad lock "rdlock+wrlock" for mark "a": want rdlock or wrlock`},
		{spec: "a=no_co+lock", err: `bad lock "lock" for mark "a": want rdlock or wrlock`},
		{spec: "a=co,b,a=no_co", err: `mark "a" is given twice in "a=co,b,a=no_co"`},
	} {
		got, err := Parse(tc.spec)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err || got != nil {
				t.Errorf("Parse(%q) = %v, %v; want error %q", tc.spec, got, err, tc.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Parse(%q) = %v, %v; want %v", tc.spec, got, err, tc.want)
		}
	}
}

func TestVariant(t *testing.T) {
	for _, tc := range []struct {
		s    string
		i    int
		end  int
		isV  bool // IsVariant(s[i:])
		desc string
	}{
		{"", 0, 0, false, "empty"},
		{"_", 0, 0, false, "underscore alone"},
		{"_mixed", 0, 6, true, "a word"},
		{"_mixed_bdrv_rdlock", 0, 18, true, "words"},
		{"_a2_", 0, 4, true, "digits and a trailing _"},
		{"_2a", 0, 0, false, "a digit first"},
		{"_Mixed", 0, 0, false, "upper case first"},
		{"__x", 0, 0, false, "two underscores first"},
		{"_mixedX(", 0, 6, false, "stops at upper case"},
		{"co_wrapper_mixed bdrv_x(", 10, 16, false, "from an offset, stops at a space"},
	} {
		if got := VariantEnd(tc.s, tc.i); got != tc.end {
			t.Errorf("%s: VariantEnd(%q, %d) = %d, want %d", tc.desc, tc.s, tc.i, got, tc.end)
		}
		if got := IsVariant(tc.s[tc.i:]); got != tc.isV {
			t.Errorf("%s: IsVariant(%q) = %v, want %v", tc.desc, tc.s[tc.i:], got, tc.isV)
		}
	}
	for _, tc := range []struct {
		ident, prefix string
		want          bool
	}{
		{"co_wrapper_foo", "co_wrapper", true},
		{"co_wrapper", "co_wrapper", false}, // no suffix: a whole-name mark, not a variant
		{"co_wrapperfoo", "co_wrapper", false},
		{"co_wrapper_Foo", "co_wrapper", false},
		{"no_co_wrapper_x", "co_wrapper", false},
	} {
		if got := HasVariant(tc.ident, tc.prefix); got != tc.want {
			t.Errorf("HasVariant(%q, %q) = %v, want %v", tc.ident, tc.prefix, got, tc.want)
		}
	}
}

func TestQEMU(t *testing.T) {
	type res struct {
		m  Meaning
		ok bool
	}
	for _, tc := range []struct {
		mark   string
		wrlock bool
		want   res
	}{
		{"generated_co_wrapper", false, res{Meaning{CoMixed, NoLock}, true}},
		{"co_wrapper", false, res{Meaning{Co, NoLock}, true}},
		{"co_wrapper_mixed", false, res{Meaning{CoMixed, NoLock}, true}},
		{"co_wrapper_bdrv_rdlock", false, res{Meaning{Co, RdLock}, true}},
		{"co_wrapper_mixed_bdrv_rdlock", false, res{Meaning{CoMixed, RdLock}, true}},
		{"no_co_wrapper", false, res{Meaning{NoCo, NoLock}, true}},
		{"no_co_wrapper_bdrv_rdlock", true, res{Meaning{NoCo, RdLock}, true}},
		{"no_co_wrapper_bdrv_wrlock", true, res{Meaning{NoCo, WrLock}, true}},
		// Before 8.2 the scripts do not know bdrv_wrlock.
		{"no_co_wrapper_bdrv_wrlock", false, res{Meaning{NoCo, NoLock}, true}},
		// The scripts read any variant by the words in it.
		{"co_wrapper_foo_mixed", false, res{Meaning{CoMixed, NoLock}, true}},
		{"no_co_wrapper_mixed", false, res{Meaning{NoCo, NoLock}, true}},
		{"co_wrapper_bdrv_rdlock_bdrv_wrlock", true, res{Meaning{Co, RdLock}, true}},
		// Not QEMU marks.
		{"co_wrapperfoo", false, res{}},
		{"co_wrapper_", false, res{}},
		{"generated_co_wrapper_x", false, res{}},
		{"rt_blocking", false, res{}},
	} {
		m, ok := QEMU(tc.mark, tc.wrlock)
		if got := (res{m, ok}); got != tc.want {
			t.Errorf("QEMU(%q, wrlock=%v) = %+v, want %+v", tc.mark, tc.wrlock, got, tc.want)
		}
	}
}

func TestNames(t *testing.T) {
	for _, tc := range []struct {
		name         string
		kind         Kind
		target, tErr string
		strct, sErr  string
	}{
		{name: "bdrv_pread", kind: Co, target: "bdrv_co_pread", strct: "BdrvPread"},
		{name: "blk_pwrite_zeroes", kind: CoMixed, target: "blk_co_pwrite_zeroes", strct: "BlkPwriteZeroes"},
		{name: "rt_read", kind: Co, target: "rt_co_read", strct: "RtRead"},
		{name: "read", kind: Co, target: "read_co", strct: "Read"},
		{name: "bdrv_co_open_child", kind: NoCo, target: "bdrv_open_child", strct: "BdrvCoOpenChild"},
		{name: "a_b_co_c", kind: NoCo, target: "a_b_c", strct: "ABCoC"},
		{name: "a_2b", kind: Co, target: "a_co_2b", strct: "A2b"},
		{name: "Rt_Read", kind: Co, target: "Rt_co_Read", strct: "RtRead"},
		{name: "bdrv_open", kind: NoCo, tErr: "a no_co wrapper must be named PREFIX_co_NAME; it calls PREFIX_NAME", strct: "BdrvOpen"},
		{name: "a__b", kind: Co, target: "a_co__b", sErr: `empty name segment ("__" or a trailing "_")`},
		{name: "a_", kind: Co, target: "a_co_", sErr: `empty name segment ("__" or a trailing "_")`},
		{name: "_a", kind: Co, target: "_co_a", sErr: `empty name segment ("__" or a trailing "_")`},
	} {
		target, err := Target(tc.name, tc.kind)
		if target != tc.target || errText(err) != tc.tErr {
			t.Errorf("Target(%q, %v) = %q, %q; want %q, %q", tc.name, tc.kind, target, errText(err), tc.target, tc.tErr)
		}
		strct, err := Struct(tc.name)
		if strct != tc.strct || errText(err) != tc.sErr {
			t.Errorf("Struct(%q) = %q, %q; want %q, %q", tc.name, strct, errText(err), tc.strct, tc.sErr)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
