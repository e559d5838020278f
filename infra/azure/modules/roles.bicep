// Built-in role definition IDs (the same GUID in every tenant), named so assignments read as what they grant.
@export()
var roleIds = {
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  storageFileDataSmbShareContributor: '0c867c2a-1d8c-454a-a3db-ab2ea1bdc8bb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  aksContributor: 'ed7f3fbd-7b88-4dd4-9017-9adb7ce333f8'
  aksClusterUser: '4abbcc35-e782-43d8-92c5-2d3c1bd2cfb7'
  aksRbacClusterAdmin: 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}
