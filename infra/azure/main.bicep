// The IGF Platform on Azure: a storage account (cluster membership, grain state, the archive's
// blobs, the question, archive and audit tables) and Azure Container Apps running the platform's
// image as several silos of one cluster, with the storage connection string and the signing key as
// secrets. azuredeploy.json is this file compiled (docs/operations.md, "Azure", says how).

@description('Where everything goes.')
param location string = resourceGroup().location

@description('Prefix of every resource name: lower-case letters and digits.')
@minLength(3)
@maxLength(11)
param name string = 'igf'

@description('The platform image, e.g. registry.example.org/igf/igf-platform:1.0.0 (infra/docker/Dockerfile).')
param image string

@description('The secret that signs access tokens: at least 32 characters, the same for every replica.')
@secure()
@minLength(32)
param signingKey string

@description('Servers that always run: several silos, so that one lost is no outage.')
@minValue(2)
param minReplicas int = 3

@description('The most servers the platform scales out to under load.')
@maxValue(30)
param maxReplicas int = 6

@description('The public origin browsers use when the platform has a custom domain (https://igf.example.org); empty: the app\'s own address.')
param publicOrigin string = ''

@description('Servers with the same cluster id form one cluster.')
param clusterId string = 'igf-production'

@description('Keys the stored state (table keys, blob containers): keep it stable across releases. Lower-case letters, digits and hyphens.')
param serviceId string = 'igf-platform'

@description('Redundancy of the stored state.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_ZRS'

var storageName = toLower('${name}${uniqueString(resourceGroup().id)}')
var appName = '${name}-platform'

// The tables and containers the platform uses; it creates them when missing, so these are only
// made here to be visible (and protected by the same policies) from the start.
var tableNames = [
  'OrleansSiloInstances'
  'IgfGrainState'
  'IgfQuestions'
  'IgfArchive'
  'IgfAudit'
]
var containerNames = [
  'igf-${serviceId}'
  'igf-${serviceId}-archive'
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: {
    name: storageSku
  }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    accessTier: 'Hot'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    // A deleted blob or container can be brought back for two weeks (published proceedings are records).
    deleteRetentionPolicy: {
      enabled: true
      days: 14
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 14
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in containerNames: {
  parent: blobService
  name: container
  properties: {
    publicAccess: 'None'
  }
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in tableNames: {
  parent: tableService
  name: table
}]

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

var storageConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${az.environment().suffixes.storage}'
var origin = empty(publicOrigin) ? 'https://${appName}.${environment.properties.defaultDomain}' : publicOrigin

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  dependsOn: [
    containers
    tables
  ]
  properties: {
    managedEnvironmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      // Sticky sessions need one active revision.
      activeRevisionsMode: 'Single'
      secrets: [
        {
          name: 'storage-connection-string'
          value: storageConnectionString
        }
        {
          name: 'signing-key'
          value: signingKey
        }
      ]
      ingress: {
        external: true
        targetPort: 8080
        // HTTP/1.1 to the container, which carries the hub's WebSockets.
        transport: 'http'
        allowInsecure: false
        // A SignalR negotiate and the connection that follows (and long polling) reach one replica.
        stickySessions: {
          affinity: 'sticky'
        }
        traffic: [
          {
            latestRevision: true
            weight: 100
          }
        ]
        // Silo to silo and the gateway, inside the environment only.
        additionalPortMappings: [
          {
            external: false
            targetPort: 11111
            exposedPort: 11111
          }
          {
            external: false
            targetPort: 30000
            exposedPort: 30000
          }
        ]
      }
    }
    template: {
      // A silo's graceful stop is bounded by the host's 30 s; 60 s never cuts it short.
      terminationGracePeriodSeconds: 60
      containers: [
        {
          name: 'platform'
          image: image
          // Sized as on Kubernetes (infra/k8s/deployment.yaml, docs/operations.md "Sizing"); Container
          // Apps' consumption profile ties memory to CPU (2 GiB a core).
          resources: {
            cpu: json('1.0')
            memory: '2Gi'
          }
          env: [
            {
              name: 'ASPNETCORE_ENVIRONMENT'
              value: 'Production'
            }
            {
              name: 'ASPNETCORE_URLS'
              value: 'http://+:8080'
            }
            {
              name: 'ConnectionStrings__Storage'
              secretRef: 'storage-connection-string'
            }
            {
              name: 'Auth__SigningKey'
              secretRef: 'signing-key'
            }
            {
              // Membership in the storage account's table; each replica advertises its own address.
              name: 'Orleans__ClusteringMode'
              value: 'AzureTable'
            }
            {
              name: 'Orleans__AdvertisedAddress'
              value: 'auto'
            }
            {
              name: 'Orleans__ClusterId'
              value: clusterId
            }
            {
              name: 'Orleans__ServiceId'
              value: serviceId
            }
            {
              name: 'Orleans__SiloPort'
              value: '11111'
            }
            {
              name: 'Orleans__GatewayPort'
              value: '30000'
            }
            {
              // Browsers use the https origin; the replica sees plain http from the ingress.
              name: 'Security__AllowedOrigins__0'
              value: origin
            }
            {
              // Every request reaches a replica from the ingress's address: per-address limits are raised.
              name: 'Security__LoginPermitLimit'
              value: '3000'
            }
            {
              name: 'Security__RegisterPermitLimit'
              value: '1000'
            }
          ]
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/health/live'
                port: 8080
              }
              initialDelaySeconds: 5
              periodSeconds: 5
              failureThreshold: 10
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/health/ready'
                port: 8080
              }
              periodSeconds: 5
              timeoutSeconds: 3
              failureThreshold: 3
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/health/live'
                port: 8080
              }
              periodSeconds: 10
              timeoutSeconds: 3
              failureThreshold: 6
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http'
            http: {
              metadata: {
                concurrentRequests: '200'
              }
            }
          }
        ]
      }
    }
  }
}

@description('The platform\'s address.')
output url string = 'https://${app.properties.configuration.ingress.fqdn}'

@description('The storage account holding every stored state (back it up with clients/IgfPlatform.Backup).')
output storageAccount string = storage.name
