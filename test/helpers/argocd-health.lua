-- Runs one Argo CD health check the way Argo CD does, on the real Lua 5.1 interpreter:
--   lua5.1 argocd-health.lua SCRIPT_FILE < OBJECT_CHUNK
-- OBJECT_CHUNK is a Lua chunk returning the resource as Argo CD converts it from JSON (objects and arrays
-- become tables, null becomes nil). Prints the returned table as sorted `key=value` lines (backslashes and
-- newlines in values escaped); exit 1 and `error: ...` when the script fails or returns no table.
--
-- Argo CD (util/lua) runs the script with the global `obj` and only the base, table and a safe os library
-- opened: no string, io, math or debug. The sandbox below gives the script just that, and strips the string
-- methods (("x"):find) that gopher-lua only has with its string library.
local script = assert(io.open(arg[1])):read("*a")
local object = assert(loadstring(io.read("*a"), "object"))
setfenv(object, {})
local obj = object()

local safeOs = { clock = os.clock, date = os.date, difftime = os.difftime, time = os.time }
local env = { obj = obj, table = table, os = safeOs }
for _, name in ipairs({ "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget",
  "rawset", "select", "setmetatable", "tonumber", "tostring", "type", "unpack", "xpcall" }) do
  env[name] = _G[name]
end
env._G = env

local check, syntaxError = loadstring(script, "health.lua")
if not check then
  io.write("error: ", syntaxError, "\n")
  os.exit(1)
end
setfenv(check, env)
local strings = getmetatable("")
local stringMethods = strings.__index
strings.__index = nil
local ok, hs = pcall(check)
strings.__index = stringMethods

if not ok then
  io.write("error: ", tostring(hs), "\n")
  os.exit(1)
end
if type(hs) ~= "table" then
  io.write("error: expected a table, got ", type(hs), "\n")
  os.exit(1)
end
local keys = {}
for key in pairs(hs) do keys[#keys + 1] = tostring(key) end
table.sort(keys)
for _, key in ipairs(keys) do
  local value = string.gsub(string.gsub(tostring(hs[key]), "\\", "\\\\"), "\n", "\\n")
  io.write(key, "=", value, "\n")
end
