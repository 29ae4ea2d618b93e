-- IoTProject (and IoTTenant, its later name). Failed is Degraded, and the message says how the project
-- recovers, as the design does: HasMessagingInfrastructure=False needs the project re-created after the fix;
-- HasMessagingTenant=False clears by itself once the namespace's MessagingTenant exists.
--
-- Why Degraded and not Progressing for a missing tenant, although that recovers by itself: Argo CD's
-- Progressing means "still making progress and might be healthy soon", but nothing happens here until
-- someone adds the MessagingTenant. Progressing would keep sync waves and `argocd app wait --health`
-- waiting until their timeouts and send no health-degraded notification; Degraded says so at once. Health
-- is re-assessed on every change of the project, so it turns Healthy as soon as the controller recovers it.
local hs = phaseHealth(obj)
if hs.status == "Degraded" then
  local infrastructure = conditionOf(obj.status, "HasMessagingInfrastructure")
  local tenant = conditionOf(obj.status, "HasMessagingTenant")
  if infrastructure ~= nil and infrastructure.status == "False" then
    hs.message = joined(hs.message, " ", "(manual recovery: re-create the project after the fix)")
  elseif tenant ~= nil and tenant.status == "False" then
    hs.message = joined(hs.message, " ", "(recovers by itself once the tenant exists)")
  end
end
return hs
