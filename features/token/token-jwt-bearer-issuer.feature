@surface:token @needs:admin-api @needs:mtls
Feature: JWT bearer grant assertions come from a trusted identity provider
  RFC 7521 §5.2 and RFC 7523 §3: the server trusts an assertion's issuer to speak for its subject.
  A client signing for itself is no such issuer, or any TPP could get a user's token without the
  user (issue 16 point 1).

  Background:
    Given the client "app" is registered with:
      """
      {"grant_types": ["urn:ietf:params:oauth:grant-type:jwt-bearer"], "token_endpoint_auth_method": "private_key_jwt",
       "token_endpoint_auth_signing_alg": "PS256", "jwks": {{jwks:tpp1}}}
      """

  @rule:TOK-23
  Scenario: An assertion the client signed itself for a user is refused
    When the client "app" requests a jwt-bearer token for the user "psu@sandbox.local" as tpp1 with an assertion it signed itself
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"
    And the client "app" still has no token

  @rule:TOK-23
  Scenario: An assertion of the trusted identity provider gets a token for its user
    When the client "app" requests a jwt-bearer token for the user "psu@sandbox.local" as tpp1
    Then the response status is 200
    And the access token claim "sub" is "psu@sandbox.local"
