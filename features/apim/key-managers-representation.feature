@surface:apim @needs:apim @needs:admin-api
Feature: Admin key managers - the KeyManager object member by member

  How the product binds a KeyManager body (Jackson, then bean validation) and what it answers
  for the members a request leaves out: the defaults of the generated KeyManagerDTO, carried
  through KeyManagerMappingUtil.toKeyManagerConfigurationDTO and toKeyManagerDTO.

  @rule:WSO2-KM-19
  Scenario: Members a create leaves out are answered with the KeyManager defaults
    When the admin adds the seed 000 fsKeyManager "sparse" with the changes:
      """
      {"displayName": null, "description": null, "certificates": null, "enableMapOAuthConsumerApps": null,
       "enableOAuthAppCreation": null, "enableSelfValidationJWT": null, "tokenType": null}
      """
    Then the response status is 201
    And the response member "displayName" is the JSON "null"
    And the response member "description" is the JSON "null"
    And the response member "certificates" is the JSON "null"
    And the response member "enableTokenEncryption" is the JSON "false"
    And the response member "enableTokenHashing" is the JSON "false"
    And the response member "enableMapOAuthConsumerApps" is the JSON "false"
    And the response member "enableOAuthAppCreation" is the JSON "false"
    And the response member "enableSelfValidationJWT" is the JSON "true"
    And the response member "tokenType" is "DIRECT"
    And the response member "global" is the JSON "false"

  @rule:WSO2-KM-19
  Scenario: Members sent as null are answered as if they were left out
    When the admin adds the seed 000 fsKeyManager "nulls" with the members "certificates, claimMapping, tokenValidation, enableTokenEncryption, enableSelfValidationJWT" sent as null
    Then the response status is 201
    And the response member "certificates" is the JSON "null"
    And the response member "claimMapping" is the JSON "[]"
    And the response member "tokenValidation" is the JSON "[]"
    And the response member "enableTokenEncryption" is the JSON "false"
    And the response member "enableSelfValidationJWT" is the JSON "true"

  @rule:WSO2-KM-19
  Scenario: Claims, grant types, certificates, token handling and claim mappings are answered as sent
    When the admin adds the seed 000 fsKeyManager "detailed" with the changes:
      """
      {"consumerKeyClaim": "client_id", "scopesClaim": "scp",
       "availableGrantTypes": ["client_credentials", "refresh_token"],
       "certificates": {"type": "JWKS", "value": "{{is}}/oauth2/jwks"},
       "claimMapping": [{"remoteClaim": "sub", "localClaim": "http://wso2.org/claims/username"}],
       "tokenValidation": [{"id": 1, "type": "JWT", "value": {"body": {"iss": ".*"}}, "enable": false},
                           {"id": 2, "type": "REFERENCE", "value": "[0-9a-f]+"},
                           {"id": null, "type": "CUSTOM", "value": "custom", "enable": true}],
       "permissions": {"roles": []}}
      """
    Then the response status is 201
    And the response member "consumerKeyClaim" is "client_id"
    And the response member "scopesClaim" is "scp"
    And the response member "availableGrantTypes" is the JSON "[\"client_credentials\", \"refresh_token\"]"
    And the response path "certificates" is the JSON "{\"type\": \"JWKS\", \"value\": \"{{is}}/oauth2/jwks\"}"
    And the response member "claimMapping" is the JSON "[{\"remoteClaim\": \"sub\", \"localClaim\": \"http://wso2.org/claims/username\"}]"
    And the response member "tokenValidation" is the JSON "[{\"id\": 1, \"enable\": false, \"type\": \"JWT\", \"value\": {\"body\": {\"iss\": \".*\"}}}, {\"id\": 2, \"enable\": true, \"type\": \"REFERENCE\", \"value\": \"[0-9a-f]+\"}, {\"id\": null, \"enable\": true, \"type\": \"CUSTOM\", \"value\": \"custom\"}]"
    And the response member "permissions" is the JSON "{\"permissionType\": \"PUBLIC\", \"roles\": []}"

  @rule:WSO2-KM-20
  Scenario: Numbers and booleans sent for text, and "true"/"false" sent for a flag, are read as Jackson coerces them
    When the admin adds the seed 000 fsKeyManager "coerced" with the changes:
      """
      {"description": 42, "displayName": true, "enableTokenEncryption": "true", "enableOAuthAppCreation": "false"}
      """
    Then the response status is 201
    And the response member "description" is "42"
    And the response member "displayName" is "true"
    And the response member "enableTokenEncryption" is the JSON "true"
    And the response member "enableOAuthAppCreation" is the JSON "false"

  @rule:WSO2-KM-20
  Scenario Outline: A member of the wrong kind (<what>) is refused as a disallowed value
    When the admin adds the seed 000 fsKeyManager "misshapen" with the changes:
      """
      <changes>
      """
    Then the response status is 400
    And the response is the APIM error 400 "Bad Request" "One or more request body parameters contain disallowed values."
    And no key manager named "{{unique:misshapen}}" exists

    Examples:
      | what                              | changes                                   |
      | an object for a text member       | {"description": {"text": "an object"}}    |
      | text for an object member         | {"certificates": "JWKS"}                  |
      | a list for an object member       | {"permissions": ["admin"]}                |
      | an object for a list member       | {"claimMapping": {"remoteClaim": "sub"}}  |
      | a word other than true or false   | {"enableTokenHashing": "yes"}             |

  @rule:WSO2-KM-04
  Scenario Outline: A name of <length> characters fails bean validation
    When the admin adds the seed 000 fsKeyManager "sized" with a name of <length> characters
    Then the response status is 400
    And the response is the APIM error 400 "Bad Request" "Validation Error"
    And the APIM error lists "400_name" "name: size must be between 1 and 100"

    Examples:
      | length |
      | 0      |
      | 101    |

  @rule:WSO2-KM-04
  Scenario: A name of 100 characters is accepted
    When the admin adds the seed 000 fsKeyManager "sized" with a name of 100 characters
    Then the response status is 201

  @rule:WSO2-KM-04
  Scenario: A key manager without a type fails bean validation
    When the admin adds the seed 000 fsKeyManager "untyped" with the changes:
      """
      {"type": null}
      """
    Then the response status is 400
    And the response is the APIM error 400 "Bad Request" "Validation Error"
    And the APIM error lists "400_type" "type: must not be null"

  @rule:WSO2-KM-21
  Scenario Outline: An endpoints entry without its <member> fails bean validation
    When the admin adds the seed 000 fsKeyManager "half-endpoint" with the changes:
      """
      {"endpoints": [<entry>]}
      """
    Then the response status is 400
    And the response is the APIM error 400 "Bad Request" "Validation Error"
    And the APIM error lists "400_endpoints[0].<member>" "endpoints[0].<member>: must not be null"

    Examples:
      | member | entry                                              |
      | value  | {"name": "userinfo_endpoint"}                      |
      | name   | {"value": "{{is}}/oauth2/userinfo?schema=openid"}  |

  @rule:WSO2-KM-07
  Scenario: The required endpoints may be given as endpoints entries
    When the admin adds the seed 000 fsKeyManager "listed-endpoints" with the changes:
      """
      {"clientRegistrationEndpoint": null, "introspectionEndpoint": null, "tokenEndpoint": null, "revokeEndpoint": null,
       "endpoints": [{"name": "client_registration_endpoint", "value": "{{is}}/api/identity/oauth2/dcr/v1.1/register"},
                     {"name": "introspection_endpoint", "value": "{{is}}/oauth2/introspect"},
                     {"name": "token_endpoint", "value": "{{is}}/oauth2/token"},
                     {"name": "revoke_endpoint", "value": "{{is}}/oauth2/revoke"}]}
      """
    Then the response status is 201
    And the response member "endpoints" is the JSON "[]"

  @rule:WSO2-KM-22
  Scenario: Admin answers carry the response security headers
    When the admin lists the key managers
    Then the response status is 200
    And the response header "X-Content-Type-Options" is "nosniff"
    And the response header "X-XSS-Protection" is "1; mode=block"

  @rule:WSO2-KM-02
  Scenario: A new key manager is listed as neither global nor used, and the Resident Key Manager once
    Given the admin has added the seed 000 fsKeyManager "listed"
    When the admin lists the key managers
    Then the response status is 200
    And the key manager list shows "listed" as neither global nor used
    And the key manager list has the Resident Key Manager once
    And the key manager list ends with the Resident Key Manager

  @rule:WSO2-KM-17
  Scenario: A new key manager has no API and no application usages
    Given the admin has added the seed 000 fsKeyManager "unused"
    When the admin reads the API usages of the key manager "unused"
    Then the response status is 200
    And the response member "apis" is the JSON "[]"
    When the admin reads the application usages of the key manager "unused"
    Then the response status is 200
    And the response member "applications" is the JSON "[]"

  @rule:WSO2-KM-09
  Scenario: An update replaces a connector value that is not the mask
    Given the admin has added the seed 000 fsKeyManager "relabelled"
    When the admin updates the key manager "relabelled" with:
      """
      {"additionalProperties": {"Username": "{{unique:other-user}}"}}
      """
    Then the response status is 200
    When the admin reads the key manager "relabelled"
    Then the response path "additionalProperties.Username" is the JSON "\"{{unique:other-user}}\""
    And the response path "additionalProperties.Password" is the JSON "\"*****\""

  @rule:WSO2-KM-23
  Scenario: The Resident Key Manager reads as API Manager registers it
    When the admin reads the key manager "Resident Key Manager"
    Then the response status is 200
    And the response member "description" is "This is Resident Key Manager"
    And the response member "tokenType" is "DIRECT"
    And the response member "global" is the JSON "false"
    And the response path "tokenValidation.0.type" is the JSON "\"REFERENCE\""
    And the response path "tokenValidation.0.enable" is the JSON "true"
    And the response path "tokenValidation.0.value" is the JSON "\"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}\""
    And the response path "certificates.type" is the JSON "\"JWKS\""
    And the response member "enableTokenGeneration" is the JSON "true"
    And the response member "enableOAuthAppCreation" is the JSON "true"
    And the response member "enableSelfValidationJWT" is the JSON "true"
    And the response path "additionalProperties.self_validate_jwt" is the JSON "true"
    # DefaultKeyManagerConnectorConfiguration: getDefaultConsumerKeyClaim azp, getDefaultScopesClaim scope;
    # KeyManagerConfigurationDTO's defaults for what KeyMgtRegistrationService does not set.
    And the response member "consumerKeyClaim" is "azp"
    And the response member "scopesClaim" is "scope"
    And the response member "enableTokenEncryption" is the JSON "false"
    And the response member "enableTokenHashing" is the JSON "false"
    And the response path "permissions.permissionType" is the JSON "\"PUBLIC\""

  @rule:WSO2-KM-09 @needs:change-server-settings
  Scenario: The Resident Key Manager keeps the connector values an update gives it
    When the admin updates the key manager "Resident Key Manager" with:
      """
      {"additionalProperties": {"Username": "{{admin}}"}}
      """
    Then the response status is 200
    When the admin reads the key manager "Resident Key Manager"
    Then the response status is 200
    And the response path "additionalProperties.Username" is the JSON "\"{{admin}}\""
    And the response path "additionalProperties.self_validate_jwt" is the JSON "true"

  @rule:WSO2-KM-19 @rule:WSO2-KM-12
  Scenario: The imported configuration has the KeyManager defaults for what discovery does not fill
    When the admin imports the Identity Server's well-known URL as a "fsKeyManager" key manager
    Then the response status is 200
    And the response path "value.endpoints" is the JSON "[]"
    And the response path "value.claimMapping" is the JSON "[]"
    And the response path "value.tokenValidation" is the JSON "[]"
    And the response path "value.enableTokenEncryption" is the JSON "false"
    And the response path "value.enableTokenHashing" is the JSON "false"
    And the response path "value.tokenType" is the JSON "\"DIRECT\""
    And the response path "value.type" is the JSON "\"fsKeyManager\""

  @rule:WSO2-KM-12
  Scenario: Importing without a type answers the type as null
    When the admin imports the Identity Server's well-known URL without a type
    Then the response status is 200
    And the response member "valid" is the JSON "true"
    And the response path "value.type" is the JSON "null"

  @rule:WSO2-KM-13
  Scenario Outline: Importing <what> fails as the product does
    When the admin imports the well-known URL "<url>" as a "fsKeyManager" key manager
    Then the response is the product's generic internal error

    Examples:
      | what                                       | url                              |
      | a URL that does not parse                  | not a URL                        |
      | a URL of a scheme other than HTTP          | ftp://127.0.0.1/openid-configuration |
      | a URL that answers an error as JSON        | {{is}}/scim2/Users               |

  # WSO2-KMC-04: the discover call goes through the same verifying HTTP client; a well-known URL
  # behind a certificate API Manager does not trust is not read.
  @rule:WSO2-KMC-04 @rule:WSO2-KM-13 @needs:harness-key-manager
  Scenario: A well-known URL behind a certificate API Manager does not trust is not imported
    When the admin imports a copy of the Identity Server's discovery document served behind a certificate the target does not trust
    Then the response is the product's generic internal error

  # The connectors' ConfigurationDto lists: KMIS7 WSO2IS7ConnectorConfiguration, FS FSKeyManagerConfiguration,
  # KMIS WSO2ISConnectorConfiguration (name, label, type, tooltip, default, required, mask, values).
  @rule:WSO2-KM-16
  Scenario Outline: The settings give the <type> connector the connection configurations of its source
    When the admin reads the key manager settings
    Then the response status is 200
    And the settings give the connector "<type>", displayed as "<display>", the connection configurations:
      | name                             | label                                                   | type     | required | mask  | multiple | tooltip                                                                                     | default | values     |
      | Username                         | Username                                                | input    | true     | false | false    | Username of admin user                                                                      |         | []         |
      | Password                         | Password                                                | input    | true     | true  | false    | Password of Admin user                                                                      |         | []         |
      | api_resource_management_endpoint | WSO2 Identity Server 7 API Resource Management Endpoint | input    | true     | false | false    | E.g., https://localhost:9443/api/server/v1/api-resources                                    |         | []         |
      | is7_roles_endpoint               | WSO2 Identity Server 7 Roles Endpoint                   | input    | true     | false | false    | E.g., https://localhost:9443/scim2/v2/Roles                                                 |         | []         |
      | enable_roles_creation            | Create roles in WSO2 Identity Server 7                  | checkbox | false    | false | false    | Create roles in WSO2 Identity Server 7, corresponding to the roles used in WSO2 API Manager. | Enable  | ["Enable"] |

    Examples:
      | type         | display                |
      | WSO2-IS-7    | WSO2 Identity Server 7 |
      | fsKeyManager | fsKeyManager           |

  # carbon-apimgt (AM 4.4) KeyManagerConnectorConfiguration.getEndpointConfigurations, which none of
  # the connectors overrides; its example tooltips as written there, the display revoke one included.
  @rule:WSO2-KM-16
  Scenario Outline: The settings give the <type> connector the interface's endpoint configurations, in order
    When the admin reads the key manager settings
    Then the response status is 200
    And the settings give the connector "<type>" the endpoint configurations:
      | name                         | label                        | type  | required | mask  | multiple | tooltip                                                        | default | values |
      | client_registration_endpoint | Client Registration Endpoint | input | true     | false | false    | E.g.,https://localhost:9443/client-registration/v0.17/register |         | []     |
      | introspection_endpoint       | Introspection Endpoint       | input | true     | false | false    | E.g., https://localhost:9443/oauth2/introspect                 |         | []     |
      | token_endpoint               | Token Endpoint               | input | true     | false | false    | E.g., https://localhost:9443/oauth2/token                      |         | []     |
      | revoke_endpoint              | Revoke Endpoint              | input | true     | false | false    | E.g., https://localhost:9443/oauth2/revoke                     |         | []     |
      | userinfo_endpoint            | UserInfo Endpoint            | input | false    | false | false    | E.g., https://localhost:9443/oauth2/userinfo                   |         | []     |
      | authorize_endpoint           | Authorize Endpoint           | input | false    | false | false    | E.g., https://localhost:9443/oauth2/authorize                  |         | []     |
      | display_token_endpoint       | Display Token Endpoint       | input | false    | false | false    | E.g., https://localhost:9443/oauth2/token                      |         | []     |
      | display_revoke_endpoint      | Display Revoke Endpoint      | input | false    | false | false    | E.g., https://localhost:9443/oauth2/authorize                  |         | []     |

    Examples:
      | type         |
      | WSO2-IS      |
      | WSO2-IS-7    |
      | fsKeyManager |
      | ObKeyManager |
