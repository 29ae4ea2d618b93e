-- Shared by the health checks in this folder: scripts/gen-gitops-components.ts puts it in front of each
-- <kind>.lua, so every argocd-cm key holds one self-contained script.
-- Argo CD runs the scripts in gopher-lua (Lua 5.1) with only the base, table and package libraries, and a
-- time-only os that just require("os") reaches: there is no string library (no string.format, no
-- ("x"):find), so text is only compared with == and joined with `..`.

-- "a: b", or whichever of the two is not empty.
local function joined(a, separator, b)
  if a == "" then return b end
  if b == "" then return a end
  return a .. separator .. b
end

-- Why the resource is in its phase: the design's .status.phaseReason, else .status.message (what the
-- EnMasse controllers wrote).
local function reasonOf(status)
  if type(status.phaseReason) == "string" and status.phaseReason ~= "" then return status.phaseReason end
  if type(status.message) == "string" then return status.message end
  return ""
end

-- The status condition of one type, or nil.
local function conditionOf(status, conditionType)
  if type(status.conditions) ~= "table" then return nil end
  for _, condition in ipairs(status.conditions) do
    if type(condition) == "table" and condition.type == conditionType then return condition end
  end
  return nil
end

-- The generation of the spec the status does not describe yet, or nil: a controller that writes
-- .status.observedGeneration has not caught up with the latest change, so its phase is of an older spec.
local function unobservedGeneration(object, status)
  local generation = type(object.metadata) == "table" and object.metadata.generation or nil
  if type(generation) ~= "number" or type(status.observedGeneration) ~= "number" then return nil end
  if status.observedGeneration < generation then return generation end
  return nil
end

-- Health from the phase alone, the part every kind shares. A new resource has no status until its
-- controller has seen it, so that is Progressing, not Degraded; so is a status of an older generation.
local function phaseHealth(object)
  local status = object.status
  if type(status) ~= "table" or type(status.phase) ~= "string" or status.phase == "" then
    return { status = "Progressing", message = "Waiting for controller" }
  end
  local generation = unobservedGeneration(object, status)
  if generation ~= nil then
    return { status = "Progressing", message = "Waiting for controller to observe generation " .. generation }
  end
  local reason = reasonOf(status)
  if status.phase == "Active" then return { status = "Healthy", message = reason } end
  if status.phase == "Failed" then return { status = "Degraded", message = reason } end
  -- Configuring, Terminating: the controller is still at work.
  return { status = "Progressing", message = joined(status.phase, ": ", reason) }
end
