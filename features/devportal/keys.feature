@surface:devportal @needs:apim @needs:admin-api
Feature: Application keys: listing, token, secret, deletion

  Seed 000 step 5.6 and the Developer Portal's key operations after generation.

  Background:
    Given the TPP "tpp" has signed up in the Developer Portal
    And the TPP "tpp" has created the application "TppApp"

  @rule:WSO2-DEVP-14
  Scenario: The keys of a disabled key manager are not listed
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the TPP "tpp" lists the keys of "TppApp"
    Then the PRODUCTION key of "TppApp" is listed with:
      """
      {"keyState": "COMPLETED", "mode": "CREATED", "keyType": "PRODUCTION"}
      """
    When the admin disables the key manager "IS7KM"
    And the TPP "tpp" lists the keys of "TppApp"
    Then the response status is 200
    And the PRODUCTION key of "TppApp" is not listed

  @rule:WSO2-DEVP-15
  Scenario: No token from the portal when the key manager's Token Generation is off
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "tpp" has generated SANDBOX keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the admin updates the key manager "IS7KM" with:
      """
      {"enableTokenGeneration": false}
      """
    Then the response status is 200
    When the TPP "tpp" gets a token from the portal for the SANDBOX key of "TppApp"
    Then the portal answers 400 with the error 901405 "Bad Request" "Key Manager didn't support to generate token Generation From portal"

  # apim-surface §4.6 step 11: APIM asks the key manager's token endpoint only for a client with
  # the client_credentials grant, at a key manager with Token Generation on. It authenticates with
  # the client's secret (Basic), which the UK and CDR profiles' token endpoints refuse.
  @rule:WSO2-DEVP-23 @profile:generic
  Scenario: Keys with the client_credentials grant come with an application token
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    Then the response status is 200
    And the generated keys carry an application token

  @rule:WSO2-DEVP-23
  Scenario: Keys without the client_credentials grant come with no application token
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["authorization_code"], "callbackUrl": "https://tpp.example/callback"}
      """
    Then the response status is 200
    And the response member "token" is the JSON "{\"accessToken\": \"\", \"tokenScopes\": [\"N/A\"], \"validityTime\": 0}"

  @rule:WSO2-DEVP-23
  Scenario: Keys at a key manager whose Token Generation is off come with no application token
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the admin has updated the key manager "IS7KM" with:
      """
      {"enableTokenGeneration": false}
      """
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    Then the response status is 200
    And the response member "token" is the JSON "{\"accessToken\": \"\", \"tokenScopes\": [\"N/A\"], \"validityTime\": 0}"

  # apim-surface §4.7: the key manager's client is updated (DCR PUT) and the key answered with it.
  @rule:WSO2-DEVP-26
  Scenario: A TPP changes the grant types and callback of its keys; the key manager's client follows
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the TPP "tpp" updates the PRODUCTION key of "TppApp" with:
      """
      {"supportedGrantTypes": ["client_credentials", "authorization_code"], "callbackUrl": "https://tpp.example/updated-callback"}
      """
    Then the response status is 200
    And the response member "consumerKey" is the value "{{key-consumer:TppApp:PRODUCTION}}"
    And the response member "callbackUrl" is the value "https://tpp.example/updated-callback"
    And the response member "supportedGrantTypes" holds "client_credentials, authorization_code"
    When the admin reads the client of the PRODUCTION key of "TppApp" at the Identity Server
    Then the response status is 200
    And the response member "redirect_uris" is the JSON "[\"https://tpp.example/updated-callback\"]"
    And the response member "grant_types" holds "client_credentials, authorization_code"

  @rule:WSO2-DEVP-26
  Scenario: A TPP deletes its keys; the key manager's client goes with them
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the TPP "tpp" deletes the PRODUCTION key of "TppApp"
    Then the response status is 200
    When the TPP "tpp" lists the keys of "TppApp"
    Then the response status is 200
    And the PRODUCTION key of "TppApp" is not listed
    When the admin reads the client of the PRODUCTION key of "TppApp" at the Identity Server
    Then the response status is 401

  # apim-surface §4.10: APIM asks the key manager's token endpoint with the client's secret (Basic),
  # which the UK and CDR profiles' token endpoints refuse.
  @rule:WSO2-DEVP-15 @profile:generic
  Scenario: A TPP gets a token for its keys from the portal
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "tpp" has generated SANDBOX keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the TPP "tpp" gets a token from the portal for the SANDBOX key of "TppApp"
    Then the portal answers with a token

  @rule:WSO2-DEVP-17
  Scenario: The FS Key Manager regenerates no secret
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the TPP "tpp" regenerates the secret of the PRODUCTION key of "TppApp"
    Then the response status is 200
    And the response member "consumerKey" is the value "{{key-consumer:TppApp:PRODUCTION}}"
    And the response member "consumerSecret" is the JSON "null"

  @rule:WSO2-DEVP-17
  Scenario: An ObKeyManager (keymanager-operations) regenerates the secret at the Identity Server
    Given the admin has added the key manager "OBKM" with:
      """
      {"name": "{{unique:OBKM}}", "displayName": "OBKM", "type": "ObKeyManager", "description": "",
       "issuer": "{{is}}/oauth2/token", "clientRegistrationEndpoint": "{{is}}/keymanager-operations/dcr/register",
       "introspectionEndpoint": "{{is}}/oauth2/introspect", "tokenEndpoint": "{{is}}/oauth2/token", "revokeEndpoint": "{{is}}/oauth2/revoke",
       "userInfoEndpoint": "{{is}}/oauth2/userinfo?schema=openid", "authorizeEndpoint": "{{is}}/oauth2/authorize",
       "scopeManagementEndpoint": "{{is}}/api/identity/oauth2/v1.0/scopes",
       "additionalProperties": {"Username": "{{admin}}", "Password": "{{admin_password}}"},
       "availableGrantTypes": ["refresh_token", "client_credentials", "authorization_code"],
       "certificates": {"type": "JWKS", "value": "{{is}}/oauth2/jwks"},
       "enableTokenGeneration": true, "enableMapOAuthConsumerApps": true, "enableOAuthAppCreation": true,
       "enableSelfValidationJWT": true, "tokenValidation": [], "claimMapping": [], "permissions": null, "enabled": true, "tokenType": "DIRECT"}
      """
    And the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "OBKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the TPP "tpp" regenerates the secret of the PRODUCTION key of "TppApp"
    Then the response status is 200
    And the regenerated secret differs from the PRODUCTION key of "TppApp"
    When the admin reads the client of the PRODUCTION key of "TppApp" at keymanager-operations
    Then the response status is 200
    And the client has the secret of the regenerated key

  @rule:WSO2-DEVP-18
  Scenario: Deleting an application deletes the clients it generated
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the TPP "tpp" deletes the application "TppApp"
    Then the response status is 200
    When the admin reads the client of the PRODUCTION key of "TppApp" at the Identity Server
    Then the response status is 401

  # apim-surface §4.7, §4.9, §4.10 (carbon-apimgt ApplicationsApiServiceImpl): each per-key operation
  # looks the mapping up within the application of the path; another application's key is unknown there.
  @rule:WSO2-DEVP-28
  Scenario: A key is not reached through another application of the same TPP
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "tpp" has created the application "Other"
    And the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the TPP "tpp" tries to "change" the PRODUCTION key of "TppApp" through the application "Other"
    Then the portal answers 403 with the error 403 "Forbidden" "You don't have permission to access the application with Id {{app:Other}}"
    When the TPP "tpp" tries to "delete" the PRODUCTION key of "TppApp" through the application "Other"
    Then the portal answers 500 with the error 500 "Internal Server Error" "Error occurred while application key delete process"
    When the TPP "tpp" tries to "clean up" the PRODUCTION key of "TppApp" through the application "Other"
    Then the portal answers 500 with the error 500 "Internal Server Error" "Error occurred while application key cleanup process"
    When the TPP "tpp" tries to "get a token from" the PRODUCTION key of "TppApp" through the application "Other"
    Then the portal answers 404 with the error 404 "Not Found" "Requested application consumer key with Id '{{key-mapping:TppApp:PRODUCTION}}' not found"
    When the TPP "tpp" tries to "read" the PRODUCTION key of "TppApp" through the application "Other"
    Then the response does not carry the PRODUCTION key of "TppApp"
    When the TPP "tpp" tries to "regenerate the secret of" the PRODUCTION key of "TppApp" through the application "Other"
    Then the response does not carry the PRODUCTION key of "TppApp"
    When the TPP "tpp" lists the keys of "TppApp"
    Then the PRODUCTION key of "TppApp" is listed with:
      """
      {"keyState": "COMPLETED", "consumerKey": "{{key-consumer:TppApp:PRODUCTION}}", "supportedGrantTypes": ["client_credentials"]}
      """
    When the admin reads the client of the PRODUCTION key of "TppApp" at the Identity Server
    Then the response status is 200
    And the response member "grant_types" holds "client_credentials"

  # apim-surface §4.7: keyMappingId and keyManager are answered as the body sent them.
  @rule:WSO2-DEVP-26
  Scenario: The key's update answers the mapping and key manager the body names
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the TPP "tpp" updates the PRODUCTION key of "TppApp" with:
      """
      {"supportedGrantTypes": ["client_credentials"], "keyMappingId": "as-sent", "keyManager": "IS7KM as sent"}
      """
    Then the response status is 200
    And the response member "keyMappingId" is the value "as-sent"
    And the response member "keyManager" is the value "IS7KM as sent"
    And the response member "keyType" is the value "PRODUCTION"
    When the TPP "tpp" updates the PRODUCTION key of "TppApp" with:
      """
      {"supportedGrantTypes": ["client_credentials"]}
      """
    Then the response status is 200
    And the response member "keyMappingId" is the value "{{key-mapping:TppApp:PRODUCTION}}"

  # apim-surface §4.10: renewAccessToken's errors are answered as 400 with their own code.
  @rule:WSO2-DEVP-15
  Scenario: No token from the portal for a key of a disabled key manager
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "tpp" has generated SANDBOX keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the admin disables the key manager "IS7KM"
    And the TPP "tpp" gets a token from the portal for the SANDBOX key of "TppApp"
    Then the portal answers 400 with the error 901406 "Bad Request" "Key Manager {{unique:IS7KM}} not enabled"

  # apim-surface §4.10: validityPeriod must be present (absent: a NullPointerException, the generic 500).
  @rule:WSO2-DEVP-15
  Scenario: A portal token request without a validity period fails
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "tpp" has generated SANDBOX keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the TPP "tpp" asks the portal for a token for the SANDBOX key of "TppApp" with:
      """
      {"scopes": []}
      """
    Then the response is the product's generic internal error

  # apim-surface §4.10: consumerSecret overrides the stored secret; the key manager refuses a wrong one.
  @rule:WSO2-DEVP-15 @profile:generic
  Scenario: A portal token request with a wrong consumer secret is refused by the key manager
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "tpp" has generated SANDBOX keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the TPP "tpp" asks the portal for a token for the SANDBOX key of "TppApp" with:
      """
      {"validityPeriod": 3600, "scopes": [], "consumerSecret": "not-the-secret"}
      """
    Then the portal answers 400 with the error 900967 "Bad Request" and a description beginning "Error occurred while calling token endpoint - "

  # apim-surface §5.1 (AM44 AMDefaultKeyManagerImpl, ClientInfo; KMIS ApplicationDTO): a keymanager-operations
  # connector sends the lifetimes and the camel-case PKCE flags, and reads them back into the key.
  @rule:WSO2-DEVP-16 @rule:WSO2-DEVP-26
  Scenario: Lifetimes and PKCE settings reach a keymanager-operations client at generation and update
    Given the admin adds the seed 000 fsKeyManager "ISKM" with the changes:
      """
      {"type": "WSO2-IS", "clientRegistrationEndpoint": "{{is}}/keymanager-operations/dcr/register"}
      """
    And the response status is 201
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "ISKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials", "authorization_code"], "callbackUrl": "https://tpp.example/callback",
       "additionalProperties": {"application_access_token_expiry_time": "1200", "user_access_token_expiry_time": "2400",
         "refresh_token_expiry_time": "86000", "id_token_expiry_time": "600",
         "pkceMandatory": "true", "pkceSupportPlain": "true", "bypassClientCredentials": "false"}}
      """
    Then the response status is 200
    And the response member "additionalProperties" is the JSON "{\"application_access_token_expiry_time\": 1200, \"user_access_token_expiry_time\": 2400, \"refresh_token_expiry_time\": 86000, \"id_token_expiry_time\": 600, \"pkceMandatory\": true, \"pkceSupportPlain\": true, \"bypassClientCredentials\": false}"
    When the admin reads the client of the PRODUCTION key of "TppApp" at keymanager-operations
    Then the response status is 200
    And the key manager's client has:
      """
      {"client_name": "{{tpp:tpp}}_{{app:TppApp}}_PRODUCTION", "ext_application_owner": "{{tpp:tpp}}", "token_type_extension": "JWT",
       "redirect_uris": ["https://tpp.example/callback"],
       "ext_application_token_lifetime": 1200, "ext_user_token_lifetime": 2400, "ext_refresh_token_lifetime": 86000, "ext_id_token_lifetime": 600,
       "pkceMandatory": true, "pkceSupportPlain": true, "bypassClientCredentials": false}
      """
    When the TPP "tpp" updates the PRODUCTION key of "TppApp" with:
      """
      {"supportedGrantTypes": ["client_credentials"], "callbackUrl": "",
       "additionalProperties": {"application_access_token_expiry_time": "1800", "pkceMandatory": "false", "bypassClientCredentials": "true"}}
      """
    Then the response status is 200
    When the admin reads the client of the PRODUCTION key of "TppApp" at keymanager-operations
    Then the response status is 200
    And the key manager's client has:
      """
      {"ext_application_token_lifetime": 1800, "pkceMandatory": false, "bypassClientCredentials": true, "grant_types": ["client_credentials"]}
      """

  # apim-surface §4.7: "Entries are dropped … when the KM GET errors" (AbstractAPIManager.getApplicationKeys);
  # here the key manager's registration endpoint is one nothing answers at.
  @rule:WSO2-DEVP-14
  Scenario: The keys listing leaves out a key its key manager cannot read
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the admin updates the key manager "IS7KM" with:
      """
      {"clientRegistrationEndpoint": "https://localhost:1/api/identity/oauth2/dcr/v1.1/register"}
      """
    Then the response status is 200
    When the TPP "tpp" lists the keys of "TppApp"
    Then the response status is 200
    And the PRODUCTION key of "TppApp" is not listed

  # apim-surface §4.7 (a key whose key manager lookup fails is dropped), §4.10 (KM not found:
  # 400 901403), §4.9 (KM unknown: 404 901411).
  @rule:WSO2-DEVP-14 @rule:WSO2-DEVP-15 @rule:WSO2-DEVP-17
  Scenario: A key whose key manager was deleted is not listed, gets no token and no new secret
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the admin deletes the key manager "IS7KM"
    Then the response status is 200
    When the TPP "tpp" lists the keys of "TppApp"
    Then the response status is 200
    And the PRODUCTION key of "TppApp" is not listed
    When the TPP "tpp" gets a token from the portal for the PRODUCTION key of "TppApp"
    Then the portal answers 400 with the error 901403 "Bad Request" and a description beginning "Key Manager "
    When the TPP "tpp" regenerates the secret of the PRODUCTION key of "TppApp"
    Then the portal answers 404 with the error 901411 "Key Manager not Found" "Key Manager not found"

  # apim-surface §4.7: "KM restricted → 403 902013" for a key's update.
  @rule:WSO2-DEVP-19
  Scenario: A key manager restricted after keys were generated refuses their update
    Given the admin has added the seed 000 fsKeyManager "IS7KM"
    And the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "IS7KM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"]}
      """
    When the admin updates the key manager "IS7KM" with:
      """
      {"permissions": {"permissionType": "ALLOW", "roles": ["admin"]}}
      """
    Then the response status is 200
    When the TPP "tpp" updates the PRODUCTION key of "TppApp" with:
      """
      {"supportedGrantTypes": ["client_credentials", "authorization_code"], "callbackUrl": "https://tpp.example/updated-callback"}
      """
    Then the portal answers 403 with the error 902013 "Unauthorized Access to Key Manager" "Key Manager is Restricted for this user"
    When the admin reads the client of the PRODUCTION key of "TppApp" at the Identity Server
    Then the response member "grant_types" holds "client_credentials"
