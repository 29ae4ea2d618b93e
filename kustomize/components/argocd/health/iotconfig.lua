-- IoTConfig (and IoTInfrastructure, its later name). EnMasse reports a missing MessagingInfrastructure or
-- a wrong name as phase Failed with the explanation in .status.message; the controller retries on every
-- change of the IoTConfig, so the phase alone is the health.
return phaseHealth(obj)
