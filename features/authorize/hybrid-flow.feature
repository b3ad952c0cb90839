@surface:authorize @needs:client-registration @needs:psu-login @needs:grant-authorization-code @needs:hybrid-flow @profile:generic
Feature: The hybrid flow, response_type code id_token (OIDC Core §3.3)
  A client registered for code id_token (with the authorization_code and implicit grants, OIDC
  Registration §2) sends a plain request in the query; the response comes back in the fragment.
  Under the FAPI profiles the same request needs a signed request object (FAPI1-Adv §5.2.2-1),
  which the WSO2 scenarios of authorize.feature check.

  Background:
    Given tpp1 has registered the hybrid flow client "app"

  @rule:AUTHZ-07
  Scenario: code id_token is answered in the fragment with the code, the state and an ID token
    When the PSU requests an authorization for "app"
    Then the PSU is redirected back with an authorization code
    And the ID token of the authorization response is signed by the server for "app" with c_hash and the nonce

  @rule:AUTHZ-07
  Scenario: Response types are a set: "id_token code" is the hybrid flow too
    When the PSU requests an authorization for "app" with:
      | response_type | id_token code |
    Then the PSU is redirected back with an authorization code
    And the ID token of the authorization response is signed by the server for "app" with c_hash and the nonce

  # AUTHZ-07: exactly the state, so none for a request without one (and no s_hash to make of it).
  @rule:AUTHZ-07
  Scenario: A code id_token request without state is answered without one
    When the PSU requests an authorization for "app" with:
      | state | <absent> |
    Then the PSU is redirected back with an authorization code
    And the ID token of the authorization response is signed by the server for "app" with c_hash and the nonce

  @rule:AUTHZ-08
  Scenario: code id_token without a nonce is refused with invalid_request in the fragment
    When the PSU requests an authorization for "app" with:
      | nonce | <absent> |
    Then the PSU is redirected back with the error "invalid_request" in the fragment

  @rule:AUTHZ-04 @rule:AUTHZ-05
  Scenario: An error of a code id_token request goes back in the fragment
    When the PSU requests an authorization for "app" with:
      | code_challenge_method | S512 |
    Then the PSU is redirected back with the error "invalid_request" in the fragment
