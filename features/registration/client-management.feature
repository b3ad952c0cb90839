@surface:registration @needs:client-registration @needs:rfc7592
Feature: Client configuration management (RFC 7592)
  A registered client reads, updates and deletes its registration at its registration_client_uri
  with its registration access token.

  Background:
    Given the client "app" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "client_secret_basic"}
      """

  @rule:DCR-MGT-01
  Scenario: The registration says where and with what the client manages itself
    When "app" reads its registration
    Then the response status is 200
    And the response carries the registration_client_uri and registration_access_token of "app"

  @rule:DCR-MGT-05
  Scenario: The client reads its current registration
    When "app" reads its registration
    Then the response status is 200
    And the response Content-Type is "application/json"
    And the response member "client_id" is "{{client_id:app}}"
    And the response member "token_endpoint_auth_method" is "client_secret_basic"

  @rule:DCR-MGT-04
  Scenario: A read without a token is refused with a Bearer challenge
    When "app" reads its registration without a token
    Then the response status is 401
    And the response has a Bearer challenge

  @rule:ERR-07 @optional
  Scenario: A read without a token gets no error code
    When "app" reads its registration without a token
    Then the response status is 401
    And the response carries no error code

  @rule:DCR-MGT-04 @rule:ERR-06
  Scenario: A read with a token the server never issued is refused as invalid_token
    When "app" reads its registration with the token "obc-not-a-registration-access-token"
    Then the response status is 401
    And the response has a Bearer challenge
    And the Bearer challenge has the error "invalid_token"

  @rule:DCR-MGT-08
  Scenario: One client's registration access token does not open another client's registration
    Given the client "other" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "client_secret_basic"}
      """
    When "app" reads the registration of "other" with its own token
    Then the response status is 401 or 403

  @rule:DCR-MGT-06
  Scenario: A registration access token does not open an unknown client's registration
    When "app" reads the registration of an unknown client with its own token
    Then the response status is 401 or 403

  @rule:DCR-MGT-10
  Scenario: An update answers with the updated registration
    When "app" reads its registration
    And "app" updates its registration with:
      """
      {"client_name": "{{unique:renamed}}"}
      """
    Then the response status is 200
    And the response member "client_id" is "{{client_id:app}}"
    And the response member "client_name" is "{{unique:renamed}}"

  @rule:DCR-MGT-11
  Scenario: An update for another client id is refused
    When "app" reads its registration
    And "app" sends the update:
      """
      {"client_id": "obc-another-client-id", "grant_types": ["client_credentials"], "response_types": [],
       "token_endpoint_auth_method": "client_secret_basic"}
      """
    Then the response status is 400

  @rule:DCR-MGT-12
  Scenario: An update that carries the registration access token is refused
    When "app" reads its registration
    And "app" sends the update:
      """
      {"client_id": "{{own_client_id}}", "grant_types": ["client_credentials"], "response_types": [],
       "token_endpoint_auth_method": "client_secret_basic", "registration_access_token": "{{registration_access_token}}"}
      """
    Then the response status is 400

  @rule:DCR-MGT-15 @rule:ERR-05
  Scenario: An update is validated as a registration is
    When "app" reads its registration
    And "app" updates its registration with:
      """
      {"grant_types": ["authorization_code"], "response_types": ["code"], "redirect_uris": ["https://tpp.example/callback#part"]}
      """
    Then the response status is 400
    And the response is an OAuth error "invalid_redirect_uri"

  @rule:DCR-MGT-18
  Scenario: A deletion answers 204 without a body
    When "app" deletes its registration
    Then the response status is 204
    And the response body is empty

  @rule:DCR-MGT-19
  Scenario: After deletion the registration access token and the client's credentials stop working
    When "app" deletes its registration
    And "app" reads its registration
    Then the response status is 401
    When the client "app" requests a client_credentials token without a client certificate
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:DCR-MGT-13
  Scenario: A client cannot choose its own secret in an update
    When "app" reads its registration
    And "app" updates its registration with:
      """
      {"client_secret": "obc-a-secret-the-client-chose"}
      """
    Then the response status is 400

  @rule:DCR-MGT-14
  Scenario: A member left out of an update is removed
    Given the client "site" is registered with:
      """
      {"grant_types": ["client_credentials"], "response_types": [], "token_endpoint_auth_method": "client_secret_basic",
       "client_uri": "https://tpp.example/about"}
      """
    When "site" reads its registration
    And "site" updates its registration without the member "client_uri"
    Then the response status is 200
    And the response does not have the member "client_uri"

  @rule:DCR-MGT-22
  Scenario: A registration access token the server replaced stops working
    When "app" reads its registration
    And "app" updates its registration with:
      """
      {"client_name": "{{unique:renamed}}"}
      """
    Then the response status is 200
    And a registration access token "app" was given in place of another no longer works

  @rule:DCR-MGT-04
  Scenario Outline: <method> without a token is refused with a Bearer challenge
    When "app" sends <method> to its registration without a token
    Then the response status is 401
    And the response has a Bearer challenge

    Examples:
      | method |
      | PUT    |
      | DELETE |

  @rule:DCR-MGT-19
  Scenario: A deleted registration cannot be deleted again with its old token
    When "app" deletes its registration
    Then the response status is 204
    When "app" deletes its registration
    Then the response status is 401
