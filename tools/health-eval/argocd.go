package main

// Argo CD's sandbox for argocd-cm health scripts (util/lua in argoproj/argo-cd), rebuilt on the gopher-lua it
// embeds: a fresh state per object with no standard library but package, base and table; `os` only through
// require("os"), with time and date (Argo CD registers its safe os under the table library's name, where it
// is a no-op, and preloads it for require); the object as the global `obj`; a 1 s timeout.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	lua "github.com/yuin/gopher-lua"
	luajson "layeh.com/gopher-json"
)

// argoRequest: `script` runs on every object; without it, each object gets the script Argo CD would pick from
// `data` (an argocd-cm's data): resource.customizations.health.<group>_<Kind>.
type argoRequest struct {
	Script  string            `json:"script"`
	Data    map[string]string `json:"data"`
	Objects []json.RawMessage `json:"objects"`
}

const timeout = 1 * time.Second

// The health codes Argo CD accepts from a script; anything else becomes Unknown.
var validStatus = map[string]bool{
	"Unknown": true, "Progressing": true, "Suspended": true, "Healthy": true, "Degraded": true, "Missing": true,
}

func runArgoCD(input []byte) ([][]Verdict, error) {
	var requests []argoRequest
	if err := json.Unmarshal(input, &requests); err != nil {
		return nil, fmt.Errorf("stdin is not a JSON array of {script|data, objects}: %w", err)
	}
	results := make([][]Verdict, len(requests))
	for i, request := range requests {
		results[i] = []Verdict{}
		for _, raw := range request.Objects {
			object, err := decodeObject(raw)
			if err != nil {
				return nil, err
			}
			script := request.Script
			if script == "" {
				if script = request.Data[healthKey(object)]; script == "" {
					return nil, fmt.Errorf("request %d: no %s in data", i, healthKey(object))
				}
			}
			results[i] = append(results[i], argoHealth(script, object))
		}
	}
	return results, nil
}

// healthKey is the argocd-cm key of an object's health check: the group and kind joined by "_".
func healthKey(object map[string]any) string {
	apiVersion, _ := object["apiVersion"].(string)
	kind, _ := object["kind"].(string)
	group := ""
	for i := len(apiVersion) - 1; i >= 0; i-- {
		if apiVersion[i] == '/' {
			group = apiVersion[:i]
			break
		}
	}
	if group == "" {
		return "resource.customizations.health." + kind
	}
	return "resource.customizations.health." + group + "_" + kind
}

// argoHealth is what Argo CD shows for the object: the script's result, or Unknown with the error when the
// script fails (the controller turns a health error into Unknown with the error as message).
func argoHealth(script string, object map[string]any) Verdict {
	verdict, err := runHealthScript(script, object)
	if err != nil {
		return Verdict{Status: "Unknown", Message: err.Error(), Error: true}
	}
	return verdict
}

func runHealthScript(script string, object map[string]any) (Verdict, error) {
	l := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer l.Close()
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{{lua.LoadLibName, lua.OpenPackage}, {lua.BaseLibName, lua.OpenBase}, {lua.TabLibName, lua.OpenTable},
		{lua.OsLibName, openTimeOs}} {
		if err := l.CallByParam(lua.P{Fn: l.NewFunction(lib.open), Protect: true}, lua.LString(lib.name)); err != nil {
			return Verdict{}, err
		}
	}
	l.PreloadModule(lua.OsLibName, loadTimeOs)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	l.SetContext(ctx)
	l.SetGlobal("obj", toLua(l, object))
	if err := l.DoString(script); err != nil {
		return Verdict{}, err
	}
	return healthOf(l.Get(-1))
}

// healthOf reads the script's result as Argo CD does: through JSON into {status, message}. An empty table
// (JSON []) or nil is an empty health; a status outside the known codes is Unknown.
func healthOf(value lua.LValue) (Verdict, error) {
	switch value.Type() {
	case lua.LTNil:
		return Verdict{}, nil
	case lua.LTTable:
	default:
		return Verdict{}, fmt.Errorf("expect table output from Lua script, not %s", value.Type())
	}
	encoded, err := luajson.Encode(value)
	if err != nil {
		return Verdict{}, err
	}
	var health struct {
		Status  string `json:"status"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(encoded, &health); err != nil {
		var typeError *json.UnmarshalTypeError
		if errors.As(err, &typeError) && typeError.Value == "array" {
			return Verdict{}, nil
		}
		return Verdict{}, err
	}
	if !validStatus[health.Status] {
		return Verdict{Status: "Unknown", Message: "Lua returned an invalid health status"}, nil
	}
	return Verdict{Status: health.Status, Message: health.Message}, nil
}

// toLua converts a decoded object as Argo CD does: maps and lists become tables, null becomes nil.
func toLua(l *lua.LState, value any) lua.LValue {
	switch v := value.(type) {
	case bool:
		return lua.LBool(v)
	case string:
		return lua.LString(v)
	case int64:
		return lua.LNumber(v)
	case float64:
		return lua.LNumber(v)
	case []any:
		table := l.CreateTable(len(v), 0)
		for _, item := range v {
			table.Append(toLua(l, item))
		}
		return table
	case map[string]any:
		table := l.CreateTable(0, len(v))
		for key, item := range v {
			table.RawSetH(lua.LString(key), toLua(l, item))
		}
		return table
	}
	return lua.LNil
}
