@surface:ob-dcr @needs:ob-dcr @needs:mtls
Feature: Open Banking DCR, deleting a registration
  DELETE /register/{client_id} answers 204, removes the client and invalidates its tokens; a
  later GET with the old token answers 401 (seed 004 "Delete an application").

  Background:
    Given tpp1 has registered the client "app"
    And the client "app" has a management token

  @rule:DCR-MGT-18
  Scenario: DELETE answers 204 with no body
    When the client "app" deletes its registration
    Then the response status is 204
    And the response body is empty

  @rule:DCR-MGT-19 @rule:DCR-MGT-20
  Scenario: After DELETE the old token gets 401 and the client cannot get a new one
    When the client "app" deletes its registration
    Then the response status is 204
    When the client "app" retrieves its registration
    Then the response status is 401
    And the response is the gateway error "900901" "Invalid Credentials"
    When the client "app" requests a management token
    Then the response status is 401
    And the response is an OAuth error "invalid_client"

  @rule:DCR-MGT-20 @needs:admin-api
  Scenario: DELETE invalidates the client's tokens
    When the client "app" deletes its registration
    Then the response status is 204
    When the access token of "app" is introspected
    Then the introspection says only that the token is inactive

  @rule:DCR-MGT-19
  Scenario: After DELETE the software can register again
    When the client "app" deletes its registration
    Then the response status is 204
    And tpp1 can still register its software

  @rule:DCR-MGT-06
  Scenario: DELETE of an unknown client id answers 401
    When the client "app" deletes an unknown registration
    Then the response status is 401
    And the response is an OAuth error "unauthorized"
