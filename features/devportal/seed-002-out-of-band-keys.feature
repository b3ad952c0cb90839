@surface:devportal @needs:apim @needs:admin-api
Feature: Seed 002 - Provisioning Out-of-Band OAuth2 Clients (API Manager 4.x)

  An OAuth2 client created in the Identity Server console (here with IS DCR, as the console does)
  is provided as the existing OAuth keys of an application in the Developer Portal, then used
  with a token from the token endpoint, since the portal does not issue tokens for provisioned
  applications.

  Background:
    Given the admin has added the seed 000 fsKeyManager "IS"
    And the TPP "tpp" has signed up in the Developer Portal
    # Step 2: a Traditional Application with the grant types and token type JWT; copy the id and secret.
    And an OAuth client "external" has been created at the Identity Server with:
      """
      {"grant_types": ["client_credentials", "authorization_code"], "redirect_uris": ["https://tpp.example.com/callback"],
       "token_type_extension": "JWT", "token_endpoint_auth_method": "client_secret_basic"}
      """

  @rule:WSO2-OOB-01
  Scenario: A TPP provides an external client as the production keys of its application
    # Step 3.1-3.3: sign in, create an application, open it.
    Given the TPP "tpp" has created the application "TppApp"
    # 3.4: Production Keys > OAuth2 Tokens > the IS tab shows PROVIDE EXISTING OAUTH KEYS.
    When the TPP "tpp" reads the portal key managers
    Then the response status is 200
    And the portal key manager "IS" has "enableMapOAuthConsumerApps" set to true
    # 3.5-3.6: paste the consumer key and secret, Provide.
    When the TPP "tpp" provides the client "external" as the PRODUCTION keys of "TppApp" at the key manager "IS"
    Then the response status is 200
    And the response is the client "external" mapped as PRODUCTION keys with:
      """
      {"supportedGrantTypes": ["client_credentials", "authorization_code"], "callbackUrl": "https://tpp.example.com/callback"}
      """
    When the TPP "tpp" lists the keys of "TppApp"
    Then the PRODUCTION key of "TppApp" is listed with:
      """
      {"mode": "MAPPED", "consumerKey": "{{key-consumer:TppApp:PRODUCTION}}", "keyState": "COMPLETED"}
      """
    # Step 4.1: subscribe.
    Given the TPP "tpp" has found the API "AccountandTransactionAPI" in the Developer Portal
    When the TPP "tpp" subscribes the application "TppApp" to the API "AccountandTransactionAPI" with the tier "Unlimited"
    Then the response status is 201

  @rule:WSO2-OOB-01 @needs:auth-client-secret-basic
  Scenario: The provisioned client gets its token at the token endpoint
    Given the TPP "tpp" has created the application "TppApp"
    And the TPP "tpp" has provided the client "external" as the PRODUCTION keys of "TppApp" at the key manager "IS"
    # Step 4.2: "Obtain an access token" with cURL.
    When the client "external" gets a token at the token endpoint with the client credentials grant
    Then the response status is 200
    And the response member "access_token" is a non-empty string

  @rule:WSO2-OOB-02
  Scenario: The same key type cannot be provided twice, nor a client already provided to another application
    Given the TPP "tpp" has created the application "TppApp"
    And the TPP "tpp" has created the application "Other"
    And the TPP "tpp" has provided the client "external" as the PRODUCTION keys of "TppApp" at the key manager "IS"
    And an OAuth client "second" has been created at the Identity Server with:
      """
      {"grant_types": ["client_credentials"], "token_endpoint_auth_method": "client_secret_basic"}
      """
    When the TPP "tpp" provides the client "second" as the PRODUCTION keys of "TppApp" at the key manager "IS"
    Then the portal answers 409 with the error 901409 "Key Mappings already exists" "Key Mappings already exists"
    When the TPP "tpp" provides the client "external" as the SANDBOX keys of "Other" at the key manager "IS"
    Then the portal answers 409 with the error 901409 "Key Mappings already exists" "Key Mappings already exists"

  @rule:WSO2-OOB-03
  Scenario: A wrong secret, or a client the key manager does not know, is refused
    Given the TPP "tpp" has created the application "TppApp"
    When the TPP "tpp" provides the client "external" with a wrong secret as the PRODUCTION keys of "TppApp" at the key manager "IS"
    Then the portal answers 500 with the error 900967 "General Error" "Server Error Occurred"
    When the TPP "tpp" provides a client the key manager does not know as the PRODUCTION keys of "TppApp" at the key manager "IS"
    Then the portal answers 500 with the error 900967 "General Error" "Server Error Occurred"
    When the TPP "tpp" lists the keys of "TppApp"
    Then the response member "count" is the JSON "0"

  @rule:WSO2-OOB-04
  Scenario: Deleting the application leaves the provisioned client at the Identity Server
    Given the TPP "tpp" has created the application "TppApp"
    And the TPP "tpp" has provided the client "external" as the PRODUCTION keys of "TppApp" at the key manager "IS"
    When the TPP "tpp" deletes the application "TppApp"
    Then the response status is 200
    When the admin reads the client "external" at the Identity Server
    Then the response status is 200

  # apim-surface §4.7: "MAPPED keys only unmapped".
  @rule:WSO2-OOB-04
  Scenario: Deleting the provided keys leaves the client at the Identity Server
    Given the TPP "tpp" has created the application "TppApp"
    And the TPP "tpp" has provided the client "external" as the PRODUCTION keys of "TppApp" at the key manager "IS"
    When the TPP "tpp" deletes the PRODUCTION key of "TppApp"
    Then the response status is 200
    When the TPP "tpp" lists the keys of "TppApp"
    Then the PRODUCTION key of "TppApp" is not listed
    When the admin reads the client "external" at the Identity Server
    Then the response status is 200

  @rule:WSO2-OOB-05
  Scenario: Out Of Band Provisioning only gates the portal's button, not the call
    Given the TPP "tpp" has created the application "TppApp"
    When the admin updates the key manager "IS" with:
      """
      {"enableMapOAuthConsumerApps": false}
      """
    Then the response status is 200
    When the TPP "tpp" reads the portal key managers
    Then the portal key manager "IS" has "enableMapOAuthConsumerApps" set to false
    When anyone reads the Developer Portal settings
    Then the response status is 200
    And the response has the member "mapExistingAuthApps"
    When the TPP "tpp" provides the client "external" as the PRODUCTION keys of "TppApp" at the key manager "IS"
    Then the response status is 200
    And the response member "mode" is "MAPPED"

  # apim-surface §4.8: ApplicationKeyMappingRequest's bean validation (consumerKey, keyType).
  @rule:WSO2-OOB-10
  Scenario Outline: A mapping request <case> fails bean validation and maps nothing
    Given the TPP "tpp" has created the application "TppApp"
    When the TPP "tpp" provides the client "external" for "TppApp" at the key manager "IS" with the request changed by:
      """
      <changes>
      """
    Then the response is the APIM error 400 "Bad Request" "Validation Error"
    And the APIM error lists "400_<member>" "<member>: must not be null"
    When the TPP "tpp" lists the keys of "TppApp"
    Then the response member "count" is the JSON "0"

    # keyType is an enum: a value other than PRODUCTION or SANDBOX binds to null (as at generate-keys).
    Examples:
      | case                   | changes               | member      |
      | without a consumer key | {"consumerKey": null} | consumerKey |
      | without a key type     | {"keyType": null}     | keyType     |
      | with a key type TEST   | {"keyType": "TEST"}   | keyType     |

  # apim-surface §4.8 step 7: an omitted consumerSecret is the product's NullPointerException when
  # the key manager validates the client (enable_provisioned_app_validation, on by default).
  @rule:WSO2-OOB-10
  Scenario: A mapping request without the consumer secret fails and maps nothing
    Given the TPP "tpp" has created the application "TppApp"
    When the TPP "tpp" provides the client "external" for "TppApp" at the key manager "IS" with the request changed by:
      """
      {"consumerSecret": null}
      """
    Then the response is the product's generic internal error
    When the TPP "tpp" lists the keys of "TppApp"
    Then the response member "count" is the JSON "0"

  # apim-surface §4.8: "keyManager = the string sent".
  @rule:WSO2-OOB-10
  Scenario: The mapped key names the key manager as the request did
    Given the TPP "tpp" has created the application "TppApp"
    When the TPP "tpp" provides the client "external" for "TppApp" at the key manager "IS" with the request changed by:
      """
      {"keyManager": "{{km:IS}}"}
      """
    Then the response status is 200
    And the response member "keyManager" is the value "{{km:IS}}"
    And the response member "consumerKey" is the value "{{key-consumer:TppApp:PRODUCTION}}"
    And the response member "keyType" is "PRODUCTION"
