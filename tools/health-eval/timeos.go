package main

// The time-only os library of Argo CD's sandbox: os.time and os.date, nothing that exits or touches files.

import (
	"strconv"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"
)

var timeOsFuncs = map[string]lua.LGFunction{"time": osTime, "date": osDate}

// openTimeOs opens the library as Argo CD does: registered under the table library's name, which already
// exists, so nothing is added and the global `os` stays nil. Only require("os") reaches it.
func openTimeOs(l *lua.LState) int {
	l.Push(l.RegisterModule(lua.TabLibName, timeOsFuncs))
	return 1
}

func loadTimeOs(l *lua.LState) int {
	l.Push(l.SetFuncs(l.NewTable(), timeOsFuncs))
	return 1
}

// os.time([table]): now, or the local time the table's year, month, day, hour, min, sec fields name.
func osTime(l *lua.LState) int {
	if l.GetTop() == 0 {
		l.Push(lua.LNumber(time.Now().Unix()))
		return 1
	}
	fields := l.CheckTable(1)
	field := func(name string, fallback int) int {
		if n, ok := fields.RawGetString(name).(lua.LNumber); ok {
			return int(n)
		}
		return fallback
	}
	t := time.Date(field("year", -1), time.Month(field("month", -1)), field("day", -1),
		field("hour", 12), field("min", 0), field("sec", 0), 0, time.Local)
	l.Push(lua.LNumber(t.Unix()))
	return 1
}

// os.date([format[, time]]): "*t" gives a table; a leading "!" means UTC; %-flags as in C's strftime.
func osDate(l *lua.LState) int {
	t, format := time.Now(), "%c"
	if l.GetTop() >= 1 {
		format = l.CheckString(1)
	}
	if l.GetTop() >= 2 {
		t = time.Unix(l.CheckInt64(2), 0)
	}
	if strings.HasPrefix(format, "!") {
		t, format = t.UTC(), format[1:]
	}
	if strings.HasPrefix(format, "*t") {
		table := l.NewTable()
		for name, value := range map[string]int{"year": t.Year(), "month": int(t.Month()), "day": t.Day(),
			"hour": t.Hour(), "min": t.Minute(), "sec": t.Second(), "wday": int(t.Weekday()) + 1, "yday": t.YearDay()} {
			table.RawSetString(name, lua.LNumber(value))
		}
		table.RawSetString("isdst", lua.LFalse)
		l.Push(table)
		return 1
	}
	l.Push(lua.LString(strftime(t, format)))
	return 1
}

var strftimeLayouts = map[byte]string{
	'a': "Mon", 'A': "Monday", 'b': "Jan", 'B': "January", 'c': "Mon Jan  2 15:04:05 2006", 'd': "02",
	'F': "2006-01-02", 'H': "15", 'I': "03", 'm': "01", 'M': "04", 'p': "PM", 'S': "05", 'T': "15:04:05",
	'x': "01/02/06", 'X': "15:04:05", 'y': "06", 'Y': "2006", 'z': "-0700", 'Z': "MST",
}

func strftime(t time.Time, format string) string {
	var out strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 == len(format) {
			out.WriteByte(format[i])
			continue
		}
		i++
		switch flag := format[i]; {
		case flag == '%':
			out.WriteByte('%')
		case flag == 'w':
			out.WriteString(strconv.Itoa(int(t.Weekday())))
		case strftimeLayouts[flag] != "":
			out.WriteString(t.Format(strftimeLayouts[flag]))
		default:
			out.WriteByte('%')
			out.WriteByte(flag)
		}
	}
	return out.String()
}
