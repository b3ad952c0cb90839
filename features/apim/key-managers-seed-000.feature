@surface:apim @needs:apim @needs:admin-api @needs:change-server-settings
Feature: Seed 000 - an admin configures the FS Key Manager in WSO2 API Manager

  The Admin portal steps of "Configure FS Key Manager in WSO2 API Manager", as the portal sends
  them to the admin REST API: load the key manager types, import the Identity Server's
  well-known URL, add the fsKeyManager, then disable the Resident Key Manager.

  @rule:WSO2-KM-16 @rule:WSO2-KM-12 @rule:WSO2-KM-03 @rule:WSO2-KM-02 @rule:WSO2-KM-10
  Scenario: The admin adds an fsKeyManager by importing IS's well-known URL and disables the Resident Key Manager
    # 1-2. Sign in, Key Managers > Add Key Manager: the form loads the installed types.
    When the admin reads the key manager settings
    Then the response status is 200
    And the settings list the key manager types "WSO2-IS, WSO2-IS-7, fsKeyManager, ObKeyManager"
    # 3-4. fsKeyManager, Well-known URL and Import.
    When the admin imports the Identity Server's well-known URL as a "fsKeyManager" key manager
    Then the response status is 200
    And the imported configuration is filled from the Identity Server's discovery document
    # 5-11. The endpoints, grant types, JWKS, connector configuration, role creation, public
    # permission and advanced configuration of the seed, then 12. Add.
    When the admin adds the key manager "IS7KM" from the imported configuration with:
      """
      {"name": "{{unique:IS7KM}}", "displayName": "IS7KM", "type": "fsKeyManager", "description": "",
       "issuer": "{{is}}/oauth2/token",
       "clientRegistrationEndpoint": "{{is}}/api/identity/oauth2/dcr/v1.1/register",
       "introspectionEndpoint": "{{is}}/oauth2/introspect",
       "tokenEndpoint": "{{is}}/oauth2/token", "displayTokenEndpoint": "{{is}}/oauth2/token",
       "revokeEndpoint": "{{is}}/oauth2/revoke", "displayRevokeEndpoint": "{{is}}/oauth2/revoke",
       "userInfoEndpoint": "{{is}}/scim2/Me", "authorizeEndpoint": "{{is}}/oauth2/authorize",
       "scopeManagementEndpoint": "{{is}}/api/identity/oauth2/v1.0/scopes",
       "availableGrantTypes": ["client_credentials", "refresh_token", "authorization_code", "urn:ietf:params:oauth:grant-type:jwt-bearer"],
       "certificates": {"type": "JWKS", "value": "{{is}}/oauth2/jwks"},
       "additionalProperties": {"Username": "{{admin}}", "Password": "{{admin_password}}",
         "api_resource_management_endpoint": "{{is}}/api/server/v1/api-resources",
         "is7_roles_endpoint": "{{is}}/scim2/v2/Roles", "enable_roles_creation": true},
       "permissions": null,
       "enableTokenGeneration": true, "enableMapOAuthConsumerApps": true, "enableOAuthAppCreation": true,
       "enableSelfValidationJWT": true,
       "tokenValidation": [{"id": 1, "type": "JWT", "value": {"body": {}}, "enable": true}],
       "claimMapping": [], "consumerKeyClaim": "", "scopesClaim": "", "enabled": true, "tokenType": "DIRECT", "alias": ""}
      """
    Then the response status is 201
    And the response has the Location of the key manager "IS7KM"
    And the response member "name" is "{{unique:IS7KM}}"
    And the response member "type" is "fsKeyManager"
    And the response member "endpoints" is the JSON "[]"
    And the response member "consumerKeyClaim" is "azp"
    And the response member "scopesClaim" is "scope"
    And the response member "permissions" is the JSON "{\"permissionType\": \"PUBLIC\", \"roles\": []}"
    And the response path "additionalProperties.self_validate_jwt" is the JSON "true"
    And the response path "additionalProperties.enable_roles_creation" is the JSON "true"
    # "Key Manager will be displayed as below."
    When the admin lists the key managers
    Then the response status is 200
    And the key manager list has "IS7KM" with the type "fsKeyManager"
    And the key manager list ends with the Resident Key Manager
    # 13. Disable the Resident Key Manager.
    When the admin disables the key manager "Resident Key Manager"
    Then the response status is 200
    And the response member "enabled" is the JSON "false"
    When the admin reads the key manager "Resident Key Manager"
    Then the response member "enabled" is the JSON "false"
