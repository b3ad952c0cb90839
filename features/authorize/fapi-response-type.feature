@surface:authorize @needs:admin-api @profile:fapi
Feature: FAPI 1 Advanced response types
  FAPI1-Adv §5.2.2-2: code id_token, or code with JARM (response_mode=jwt). A plain code request
  leaves the authorization response unprotected and is refused (issue 16 point 10).

  Background:
    Given tpp1 has registered the authorization code client "app"

  @rule:AUTHZ-01
  Scenario: A plain code request without JARM is refused at the redirect URI
    When the PSU authorizes "app" with:
      | response_type | code |
    Then the PSU is redirected back with an error and no code in the query

  @rule:AUTHZ-01
  Scenario: The hybrid code id_token request is served
    When the PSU authorizes "app"
    Then the PSU is redirected back with an authorization code
