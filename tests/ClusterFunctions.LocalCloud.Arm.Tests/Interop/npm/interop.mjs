// Drives the LocalCloud ARM emulator with the official JavaScript AKS SDK: create, read, list
// credentials of and delete a managed cluster. Prints one JSON line with what it saw.
import { ContainerServiceClient } from "@azure/arm-containerservice";

const { ARM_ENDPOINT, ARM_SUBSCRIPTION, ARM_RESOURCE_GROUP, ARM_CLUSTER } = process.env;
const credential = { getToken: async () => ({ token: "any-bearer-token", expiresOnTimestamp: Date.now() + 3_600_000 }) };
const client = new ContainerServiceClient(credential, ARM_SUBSCRIPTION, { endpoint: ARM_ENDPOINT });
const poll = { updateIntervalInMs: 20 };

const created = await client.managedClusters.createOrUpdate(ARM_RESOURCE_GROUP, ARM_CLUSTER, {
  location: "centralindia",
  tags: { "clusterfunctions-request-id": "npm-interop" },
  identity: { type: "SystemAssigned" },
  sku: { name: "Base", tier: "Free" },
  dnsPrefix: "npminterop",
  kubernetesVersion: "1.32",
  agentPoolProfiles: [{ name: "system", mode: "System", vmSize: "Standard_D2ds_v5", count: 1, osType: "Linux", type: "VirtualMachineScaleSets" }],
}, poll);
const read = await client.managedClusters.get(ARM_RESOURCE_GROUP, ARM_CLUSTER);
const credentials = await client.managedClusters.listClusterUserCredentials(ARM_RESOURCE_GROUP, ARM_CLUSTER);
const kubeconfig = new TextDecoder().decode(credentials.kubeconfigs[0].value);
await client.managedClusters.delete(ARM_RESOURCE_GROUP, ARM_CLUSTER, poll);
let gone = false;
try { await client.managedClusters.get(ARM_RESOURCE_GROUP, ARM_CLUSTER); } catch (e) { gone = e.statusCode === 404; }

console.log(JSON.stringify({
  created: created.provisioningState,
  read: read.provisioningState,
  fqdn: read.fqdn,
  pools: read.agentPoolProfiles.map(p => p.name),
  kubeconfigServer: /server: "?([^"\n]+)/.exec(kubeconfig)?.[1],
  deleted: gone,
}));
