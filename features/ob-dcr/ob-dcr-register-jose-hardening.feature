@surface:ob-dcr @needs:ob-dcr @needs:mtls
Feature: Registration requests are JWTs checked like any other
  A registration request valid only later, or one whose JWS relies on a critical extension the
  server must not apply, is refused (issue 16 point 9).

  @rule:JWT-07
  Scenario: A registration request whose nbf is tomorrow is refused
    When tpp1 registers the client "app" with the request claims:
      | claim | value     |
      | nbf   | now+86400 |
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And tpp1 can still register its software

  @rule:JWT-13
  Scenario: A registration request signed as an RFC 7797 unencoded payload is refused
    When tpp1 registers the client "app" with an unencoded-payload request (RFC 7797 b64 false)
    Then the response status is 400
    And the response is a well-formed JSON error with a 4xx status
    And tpp1 can still register its software
