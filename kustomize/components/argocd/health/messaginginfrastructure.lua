-- MessagingInfrastructure: Active once its routers and brokers run; Configuring until then.
return phaseHealth(obj)
