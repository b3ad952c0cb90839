@surface:apim @needs:apim @needs:admin-api @needs:change-server-settings
Feature: Seed 004 - an admin configures IS as the key manager OBKM

  Step 2 of the Open Banking DCR try-out, "Configure IS as Key Manager": add the ObKeyManager
  OBKM whose client registration endpoint is keymanager-operations, give the Resident Key
  Manager super-admin connector credentials, then disable it.

  @rule:WSO2-KM-03 @rule:WSO2-KM-08 @rule:WSO2-KM-09 @rule:WSO2-KM-10
  Scenario: The admin adds the ObKeyManager OBKM and disables the Resident Key Manager
    # 2.1-2.3 Key Manager > Add New Key Manager, with the seed's configuration.
    When the admin adds the key manager "OBKM" with:
      """
      {"name": "{{unique:OBKM}}", "displayName": "OBKM", "type": "ObKeyManager", "description": "",
       "wellKnownEndpoint": "{{is}}/oauth2/token/.well-known/openid-configuration",
       "issuer": "{{is}}/oauth2/token",
       "clientRegistrationEndpoint": "{{is}}/keymanager-operations/dcr/register",
       "introspectionEndpoint": "{{is}}/oauth2/introspect",
       "tokenEndpoint": "{{is}}/oauth2/token",
       "revokeEndpoint": "{{is}}/oauth2/revoke",
       "userInfoEndpoint": "{{is}}/oauth2/userinfo?schema=openid",
       "authorizeEndpoint": "{{is}}/oauth2/authorize",
       "scopeManagementEndpoint": "{{is}}/api/identity/oauth2/v1.0/scopes",
       "additionalProperties": {"Username": "{{admin}}", "Password": "{{admin_password}}"},
       "consumerKeyClaim": "", "scopesClaim": "",
       "availableGrantTypes": ["refresh_token", "client_credentials", "authorization_code"],
       "certificates": {"type": "JWKS", "value": "{{is}}/oauth2/jwks"},
       "enableTokenGeneration": true, "enableMapOAuthConsumerApps": true, "enableOAuthAppCreation": true,
       "enableSelfValidationJWT": true, "tokenValidation": [], "claimMapping": [],
       "permissions": null, "enabled": true, "tokenType": "DIRECT"}
      """
    Then the response status is 201
    And the response has the Location of the key manager "OBKM"
    And the response member "type" is "ObKeyManager"
    And the response member "clientRegistrationEndpoint" is the URL "{{is}}/keymanager-operations/dcr/register"
    And the response member "userInfoEndpoint" is the URL "{{is}}/oauth2/userinfo?schema=openid"
    When the admin reads the key manager "OBKM"
    Then the response status is 200
    And the response path "additionalProperties.Username" is the JSON "\"{{admin}}\""
    And the response path "additionalProperties.Password" is the JSON "\"*****\""
    # 2.4-2.6 Resident Key Manager > Connector Configurations: super-admin credentials > Update.
    When the admin updates the key manager "Resident Key Manager" with:
      """
      {"additionalProperties": {"Username": "{{admin}}", "Password": "{{admin_password}}"}}
      """
    Then the response status is 200
    And the response member "name" is "Resident Key Manager"
    # 2.7 Disable the Resident Key Manager.
    When the admin disables the key manager "Resident Key Manager"
    Then the response status is 200
    And the response member "enabled" is the JSON "false"
    When the admin reads the key manager "Resident Key Manager"
    Then the response member "enabled" is the JSON "false"
