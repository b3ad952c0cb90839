@surface:devportal @needs:apim @needs:admin-api @needs:harness-key-manager
Feature: How API Manager reads a key manager's answers

  API Manager's key manager clients are Feign clients: any 2xx answer is a success, and any other
  fails the call with the `error_description` of a JSON body as its reason (carbon-apimgt
  `KMClientErrorDecoder`, apim-surface §5). Here the harness's recording key manager answers one
  call of a key's life as a failing key manager would, and the portal's answer is compared with
  what the Developer Portal's REST API makes of that failure.

  Background:
    Given the TPP "tpp" has signed up in the Developer Portal
    And the TPP "tpp" has created the application "TppApp"
    And the admin has added the recording key manager "RecKM" of type "WSO2-IS"

  @rule:WSO2-KMC-05
  Scenario: A registration answered 200 rather than 201 is a registration
    Given the recording key manager "RecKM" answers registrations with 200
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "RecKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"], "scopes": []}
      """
    Then the response status is 200
    And the generated keys carry an application token
    # buildDTOFromClientInfo: a client without redirect URIs has no callback URL.
    And the response key has:
      """
      {"supportedGrantTypes": ["client_credentials"], "callbackUrl": null}
      """

  # A failing answer is a failure whatever its body holds, a client included (here and below).
  @rule:WSO2-KMC-05 @rule:WSO2-DEVP-13
  Scenario: A registration answered 500 generates no keys, though the answer holds a client
    Given the recording key manager "RecKM" answers the next POST with 500 and:
      """
      {"client_id": "km-made-up-client", "client_secret": "not-a-secret", "grant_types": ["client_credentials"],
       "error": "server_error", "error_description": "Registration failed"}
      """
    When the TPP "tpp" generates PRODUCTION keys for "TppApp" at the key manager "RecKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"], "scopes": []}
      """
    Then the portal answers 500 with the error 900967 "General Error" "Server Error Occurred"
    When the TPP "tpp" lists the keys of "TppApp"
    Then a half-created PRODUCTION key of "TppApp" is listed at the key manager "RecKM"

  # AbstractAPIManager.getApplicationKeys: a client the key manager fails to retrieve is skipped
  # ("Error while retrieving Application Information"), not listed without its data.
  @rule:WSO2-KMC-05 @rule:WSO2-DEVP-14
  Scenario: A key whose client the key manager fails to read is left out of the listing until it reads it again
    Given the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "RecKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"], "scopes": []}
      """
    And the recording key manager "RecKM" answers the next GET with 500 and:
      """
      {"client_id": "{{key-consumer:TppApp:PRODUCTION}}", "client_secret": "not-a-secret", "grant_types": ["client_credentials"],
       "error": "server_error", "error_description": "The key manager is busy"}
      """
    When the TPP "tpp" lists the keys of "TppApp"
    Then the response status is 200
    And the PRODUCTION key of "TppApp" is not listed
    When the TPP "tpp" lists the keys of "TppApp"
    Then the PRODUCTION key of "TppApp" is listed with:
      """
      {"consumerKey": "{{key-consumer:TppApp:PRODUCTION}}", "supportedGrantTypes": ["client_credentials"]}
      """

  # The v3 PUT has no catch: the connector's APIManagementException reaches the REST API's
  # exception mapper, the generic 900967 (apim-surface §1 error codes, §4.7).
  @rule:WSO2-KMC-05
  Scenario: A key update the key manager refuses fails, and the key stays as it was
    Given the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "RecKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"], "scopes": []}
      """
    And the recording key manager "RecKM" answers the next PUT with 400 and:
      """
      {"client_id": "{{key-consumer:TppApp:PRODUCTION}}", "client_secret": "not-a-secret", "grant_types": ["client_credentials", "refresh_token"],
       "redirect_uris": ["https://tpp.example/new"], "error": "invalid_client_metadata", "error_description": "Invalid grant types"}
      """
    When the TPP "tpp" updates the PRODUCTION key of "TppApp" with:
      """
      {"supportedGrantTypes": ["client_credentials", "refresh_token"], "callbackUrl": "https://tpp.example/new"}
      """
    Then the portal answers 500 with the error 900967 "General Error" "Server Error Occurred"
    When the TPP "tpp" lists the keys of "TppApp"
    Then the PRODUCTION key of "TppApp" is listed with:
      """
      {"supportedGrantTypes": ["client_credentials"], "callbackUrl": null}
      """

  @rule:WSO2-KMC-05
  Scenario: A secret regeneration the key manager refuses fails, and the secret stays as it was
    Given the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "RecKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"], "scopes": []}
      """
    And the recording key manager "RecKM" answers the next POST with 500 and:
      """
      {"client_id": "{{key-consumer:TppApp:PRODUCTION}}", "client_secret": "a-secret-never-issued",
       "error": "server_error", "error_description": "Error while regenerating the secret"}
      """
    When the TPP "tpp" regenerates the secret of the PRODUCTION key of "TppApp"
    Then the portal answers 500 with the error 900967 "General Error" "Server Error Occurred"
    When the TPP "tpp" lists the keys of "TppApp"
    Then the listed PRODUCTION key of "TppApp" has the secret the key manager issued

  # apim-surface §4.10: renewAccessToken's failure is answered 400 with its code and message, the
  # token endpoint's error_description after "Error occurred while calling token endpoint - ".
  @rule:WSO2-KMC-05 @rule:WSO2-DEVP-15
  Scenario: A portal token the key manager's token endpoint refuses names the key manager's reason
    Given the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "RecKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"], "scopes": []}
      """
    And the recording key manager "RecKM" answers the next POST with 401 and:
      """
      {"error": "invalid_client", "error_description": "Client credentials are invalid."}
      """
    When the TPP "tpp" gets a token from the portal for the PRODUCTION key of "TppApp"
    Then the portal answers 400 with the error 900967 "Bad Request" "Error occurred while calling token endpoint - Client credentials are invalid."

  # KMClientErrorDecoder: an error_description missing or empty (StringUtils.isEmpty) gives way to
  # the status line's reason phrase; any other value is taken as text (json-simple's toString).
  @rule:WSO2-KMC-05 @rule:WSO2-DEVP-15
  Scenario Outline: A portal token refused with <case> names <reason>
    Given the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "RecKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"], "scopes": []}
      """
    And the recording key manager "RecKM" answers the next POST with 401 and:
      """
      <answer>
      """
    When the TPP "tpp" gets a token from the portal for the PRODUCTION key of "TppApp"
    Then the portal answers 400 with the error 900967 "Bad Request" "Error occurred while calling token endpoint - <text>"

    Examples:
      | case                            | reason                   | answer                                                | text         |
      | no error description            | the reason phrase        | {"error": "invalid_client"}                           | Unauthorized |
      | an empty error description      | the reason phrase        | {"error": "invalid_client", "error_description": ""}  | Unauthorized |
      | an error description not a text | that value as text       | {"error": "invalid_client", "error_description": 4011} | 4011         |

  # AMDefaultKeyManagerImpl.retrieveApplication: a 404 is "no such client" (null), and
  # getApplicationKeys then lists the key from the application info stored at generation.
  @rule:WSO2-KMC-05 @rule:WSO2-DEVP-14
  Scenario: A key whose client the IS 7 key manager answers 404 for is listed from what API Manager stored
    Given the admin has added the recording key manager "RecKM7" of type "WSO2-IS-7"
    And the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "RecKM7" with:
      """
      {"grantTypesToBeSupported": ["client_credentials", "authorization_code"], "callbackUrl": "https://tpp.example/cb", "scopes": []}
      """
    And the recording key manager "RecKM7" answers the next GET with 404 and:
      """
      {"error": "invalid_client", "error_description": "Application not found"}
      """
    When the TPP "tpp" lists the keys of "TppApp"
    Then the response status is 200
    And the PRODUCTION key of "TppApp" is listed with:
      """
      {"consumerKey": "{{key-consumer:TppApp:PRODUCTION}}", "supportedGrantTypes": ["client_credentials", "authorization_code"], "callbackUrl": "https://tpp.example/cb"}
      """

  # ApplicationsApiServiceImpl generate-token: a consumerSecret in the body replaces the key's
  # (`appKey.setConsumerSecret`) in the token endpoint's Basic credentials.
  @rule:WSO2-KMC-05 @rule:WSO2-DEVP-15
  Scenario: A portal token request's consumer secret is the one the token endpoint is asked with
    Given the TPP "tpp" has generated PRODUCTION keys for "TppApp" at the key manager "RecKM" with:
      """
      {"grantTypesToBeSupported": ["client_credentials"], "scopes": []}
      """
    When the TPP "tpp" asks the portal for a token for the PRODUCTION key of "TppApp" with:
      """
      {"validityPeriod": 3600, "scopes": [], "consumerSecret": "not-the-issued-secret"}
      """
    Then the portal answers 400 with the error 900967 "Bad Request" "Error occurred while calling token endpoint - Client authentication failed."
