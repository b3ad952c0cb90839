@surface:apim @needs:apim @needs:admin-api
Feature: Seed 003 next step - a REST API client gets its token at the API Manager's /oauth2/token

  The client registered through APIM DCR v0.17 authenticates with its Basic credentials at the
  API Manager's own token endpoint (apim-surface §2 "Next step"), which is the Identity Server's.

  Background:
    When the admin registers the REST API client "rest" through APIM DCR with:
      """
      {"clientName": "{{unique:rest_token}}", "owner": "{{admin}}", "grantType": "password", "saasApp": true}
      """
    Then the response status is 200

  @rule:WSO2-APIMDCR-15 @rule:WSO2-TOK-02 @rule:WSO2-TOK-06
  Scenario Outline: A token request <auth> fails client authentication
    When the REST API client "rest" requests a password-grant token for the admin <auth>
    Then the response status is 401
    And the response is an OAuth error "invalid_client"
    And the response member "error_description" is "Client Authentication failed."
    And the response header "WWW-Authenticate" starts with "Basic"

    Examples:
      | auth                          |
      | without-client-authentication |
      | with-a-wrong-client-secret    |
      | with-a-shorter-client-secret  |
      | with-an-unknown-client-id     |

  @rule:WSO2-APIMDCR-15
  Scenario: A token request without grant_type is invalid
    When the REST API client "rest" requests a token at the API Manager with:
      | field    | value              |
      | username | {{admin}}          |
      | password | {{admin_password}} |
    Then the response status is 400
    And the response is an OAuth error "invalid_request"
    And the response member "error_description" is "Missing grant_type parameter value"

  @rule:WSO2-APIMDCR-15
  Scenario: An unknown grant type is an invalid request
    When the REST API client "rest" requests a token at the API Manager with:
      | field      | value                                |
      | grant_type | urn:example:grant-type:no-such-grant |
      | username   | {{admin}}                            |
      | password   | {{admin_password}}                   |
    Then the response status is 400
    And the response is an OAuth error "invalid_request"
    And the response member "error_description" is "Unsupported grant_type value"

  @rule:WSO2-APIMDCR-15
  Scenario: A grant type the client was not registered for is refused
    When the REST API client "rest" requests a token at the API Manager with:
      | field      | value              |
      | grant_type | client_credentials |
      | scope      | apim:admin         |
    Then the response status is 400
    And the response is an OAuth error "unauthorized_client"

  @rule:WSO2-APIMDCR-15
  Scenario: A wrong user password is an invalid grant
    When the REST API client "rest" requests a token at the API Manager with:
      | field      | value                     |
      | grant_type | password                  |
      | username   | {{admin}}                 |
      | password   | {{admin_password}}-wrong  |
      | scope      | apim:admin                |
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"

  @rule:WSO2-APIMDCR-15 @rule:WSO2-APIMDCR-11 @rule:WSO2-KM-01 @rule:TOK-07
  Scenario: The admin's client_credentials client gets the admin's scopes, a repeated scope once
    When the admin registers the REST API client "cc" through APIM DCR with:
      """
      {"clientName": "{{unique:rest_cc}}", "owner": "{{admin}}", "grantType": "client_credentials", "saasApp": true}
      """
    Then the response status is 200
    When the REST API client "cc" requests a token at the API Manager with:
      | field      | value                 |
      | grant_type | client_credentials    |
      | scope      | apim:admin apim:admin |
    Then the response status is 200
    And the response member "token_type" is "Bearer"
    And the token carries the scopes "apim:admin"
    And the response header "Cache-Control" is "no-store"
    And the response header "Pragma" is "no-cache"
    When the admin lists the key managers with that token
    Then the response status is 200

  @rule:WSO2-APIMDCR-15 @rule:WSO2-APIMDCR-11 @rule:WSO2-KM-01
  Scenario: A TPP's client_credentials token carries only the scopes of the TPP's roles
    Given the TPP "tpp" has signed up in the Developer Portal
    When the TPP "tpp" registers the REST API client "tpp_cc" through APIM DCR with:
      """
      {"clientName": "{{unique:tpp_cc}}", "owner": "{{tpp:tpp}}", "grantType": "client_credentials password", "saasApp": true}
      """
    Then the response status is 200
    When the REST API client "tpp_cc" requests a token at the API Manager with:
      | field      | value                        |
      | grant_type | client_credentials           |
      | scope      | apim:admin apim:subscribe    |
    Then the response status is 200
    And the token carries the scopes "apim:subscribe"
    When the admin lists the key managers with that token
    Then the response status is 401
    When the REST API client "tpp_cc" requests a token at the API Manager with:
      | field      | value                     |
      | grant_type | password                  |
      | username   | {{tpp:tpp}}               |
      | password   | {{tpp_password:tpp}}      |
      | scope      | apim:admin apim:admin_operations apim:admin_settings apim:keymanagers_manage apim:subscribe apim:app_manage apim:sub_manage apim:api_key |
    Then the response status is 200
    And the token carries the scopes "apim:subscribe apim:app_manage apim:sub_manage apim:api_key"

  @rule:WSO2-APIMDCR-11
  Scenario: The admin's token carries every REST API scope it asks for
    When the admin gets a REST API token for "rest" with the password grant and the scope "apim:admin apim:admin_operations apim:admin_settings apim:keymanagers_manage apim:subscribe apim:app_manage apim:sub_manage apim:api_key"
    Then the response status is 200
    And the token carries the scopes "apim:admin apim:admin_operations apim:admin_settings apim:keymanagers_manage apim:subscribe apim:app_manage apim:sub_manage apim:api_key"

  @rule:WSO2-APIMDCR-11 @rule:WSO2-APIMDCR-15
  Scenario: A password-grant token is the named user's, not the client owner's
    Given the TPP "tpp" has signed up in the Developer Portal
    When the REST API client "rest" requests a token at the API Manager with:
      | field      | value                     |
      | grant_type | password                  |
      | username   | {{tpp:tpp}}               |
      | password   | {{tpp_password:tpp}}      |
      | scope      | apim:admin apim:subscribe |
    Then the response status is 200
    And the token carries the scopes "apim:subscribe"
    When the admin lists the key managers with that token
    Then the response status is 401

  @rule:WSO2-APIMDCR-15 @rule:TOK-02
  Scenario: A token request that is not form-encoded is an invalid request
    When the REST API client "rest" requests a token at the API Manager with the Content-Type "application/json" and the body:
      """
      {"grant_type": "client_credentials", "scope": "apim:admin"}
      """
    Then the response status is 400
    And the response is an OAuth error "invalid_request"

  @rule:WSO2-APIMDCR-16
  Scenario: Deleting a user revokes the user's REST API tokens
    Given the TPP "tpp" has signed up in the Developer Portal
    When the TPP "tpp" signs in to the Developer Portal with a REST API token
    Then the response status is 200
    When the TPP "tpp" lists its applications
    Then the response status is 200
    When the admin deletes the user of the TPP "tpp"
    Then the response status is 204
    When the TPP "tpp" lists its applications
    Then the response status is 401
    And the response is the APIM error 401 "" "Unauthenticated request"
