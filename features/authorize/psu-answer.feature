@surface:authorize @needs:client-registration @needs:psu-login @needs:grant-authorization-code
Feature: The PSU's answer at the login and consent pages
  The test user does what a real one may: refuse consent, or mistype the password. The target file
  describes the pages (login.steps) and how the user refuses (login.deny).

  @rule:AUTHZ-16 @needs:psu-deny
  Scenario: A PSU who refuses consent sends the client back with access_denied and the state
    Given tpp1 has registered the authorization code client "app"
    And the PSU will deny consent
    When the PSU authorizes "app"
    Then the PSU is redirected back with the error "access_denied"

  @rule:AUTHZ-16 @needs:psu-deny @profile:generic
  Scenario: A refusal of a plain code request comes back in the query
    Given tpp1 has registered the code flow client "plain"
    And the PSU will deny consent
    When the PSU authorizes "plain" with:
      | response_type | code |
    Then the PSU is redirected back with the error "access_denied" in the query

  @rule:AUTHZ-17 @needs:psu-password
  Scenario: A wrong password gives no authorization code
    Given tpp1 has registered the authorization code client "app"
    And the PSU will sign in with a wrong password
    When the PSU authorizes "app"
    Then no authorization code is issued
