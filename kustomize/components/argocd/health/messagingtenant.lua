-- MessagingTenant (and MessagingProject, its later name): Active once bound to a messaging infrastructure.
return phaseHealth(obj)
