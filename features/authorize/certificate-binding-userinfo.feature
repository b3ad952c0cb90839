@surface:userinfo @needs:client-registration @needs:psu-login @needs:grant-authorization-code @needs:userinfo @needs:bound-tokens @needs:mtls
Feature: Certificate-bound access tokens at userinfo (RFC 8705 3)
  A token bound to tpp1's transport certificate is honoured only over a TLS connection that
  presents that certificate.

  Background:
    Given tpp1 has registered the authorization code client "app"
    And "app" has obtained tokens through the authorization code flow

  @rule:CNF-03 @rule:CNF-04
  Scenario: A certificate-bound token is accepted over the connection with its certificate
    When "app" presents its access token at userinfo over the connection of tpp1
    Then the response status is 200

  @rule:CNF-03
  Scenario: A certificate-bound token is refused at userinfo over a connection with another certificate
    When "app" presents its access token at userinfo over the connection of tpp2
    Then the response status is 401
    And the Bearer challenge has the error "invalid_token"
    And the response is an OAuth error "invalid_token"

  @rule:CNF-04
  Scenario: A certificate-bound token is refused at userinfo over a connection without a certificate
    When "app" presents its access token at userinfo over the connection of none
    Then the response status is 401
    And the Bearer challenge has the error "invalid_token"
