@surface:authorize @needs:client-registration @needs:psu-login @needs:grant-authorization-code
Feature: Authorization requests of the code flow (RFC 6749 §4.1, OIDC Core §3.1.2)
  What any authorization server must do with a plain authorization request in the query: a
  client registered for response_type code only, scope openid, state, nonce and an S256 challenge.
  Whatever its profile, a server never redirects to a redirect URI or for a client it could not
  validate. Under the FAPI profiles a plain code request is refused (AUTHZ-01), so the scenarios
  that need one answered run in the generic profile; the WSO2 scenarios of authorize.feature
  check the product with signed request objects there.

  Background:
    Given tpp1 has registered the code flow client "app"

  @rule:AUTHZ-06 @profile:generic
  Scenario: A valid code request is answered at the redirect URI with the code and the state in the query
    When the PSU requests an authorization for "app"
    Then the PSU is redirected back with an authorization code

  @rule:AUTHZ-06 @profile:generic
  Scenario: A request without state is answered without one
    When the PSU requests an authorization for "app" with:
      | state | <absent> |
    Then the PSU is redirected back with an authorization code

  @rule:AUTHZ-02
  Scenario Outline: A redirect URI that is not exactly a registered one is never redirected to (<case>)
    When the PSU requests an authorization for "app" with:
      | redirect_uri | <uri> |
    Then the authorization endpoint does not redirect to the requested redirect URI

    Examples:
      | case             | uri                                |
      | another host     | https://attacker.example/callback  |
      | a longer path    | https://tpp.example/callback/extra |
      | a trailing slash | https://tpp.example/callback/      |
      | http scheme      | http://tpp.example/callback        |
      | an added query   | https://tpp.example/callback?x=1   |

  @rule:AUTHZ-03
  Scenario Outline: A missing or unknown client_id is never redirected (<case>)
    When the PSU requests an authorization for "app" with:
      | client_id | <client_id> |
    Then the authorization endpoint does not redirect to the requested redirect URI

    Examples:
      | case    | client_id                    |
      | unknown | no-such-client-0000000000000 |
      | missing | <absent>                     |

  @rule:AUTHZ-04 @profile:generic
  Scenario Outline: Once client and redirect URI are valid, an invalid request is answered at the redirect URI in the query (<case>)
    When the PSU requests an authorization for "app" with:
      | response_type | <response_type> |
    Then the PSU is redirected back with one of the errors "unsupported_response_type, invalid_request" in the query
    And in the WSO2 dialect the redirect's error description is "<description>"

    # The descriptions are Identity Server's (CarbonOAuthAuthzRequest.initValidator).
    Examples:
      | case                  | response_type | description                           |
      | missing response_type | <absent>      | Missing response_type parameter value |
      | unknown response_type | obc_unknown   | Invalid response_type parameter value |

  # OIDC Core §3.1.2.1: redirect_uri is REQUIRED in an OpenID request (OAuth 2.0's leave to omit it
  # with one registered URI does not apply); RFC 6749 §4.1.2.1: such an error goes to the user.
  @rule:AUTHZ-23 @profile:generic
  Scenario: An OpenID request without redirect_uri gets no code
    When the PSU requests an authorization for "app" with:
      | redirect_uri | <absent> |
    Then the authorization request is refused without a code

  # RFC 6749 §3.1: a parameter MUST NOT be included more than once; §4.1.2.1: invalid_request.
  @rule:AUTHZ-24 @profile:generic
  Scenario Outline: A request with a parameter sent twice gets no code (<parameter>)
    When the PSU requests an authorization for "app" with the parameter <parameter> sent twice
    Then the authorization request is refused without a code

    Examples:
      | parameter      |
      | state          |
      | code_challenge |

  @rule:AUTHZ-24 @profile:generic
  Scenario: A request by POST with a parameter sent twice in the form gets no code
    Given the authorization request is sent by POST
    When the PSU requests an authorization for "app" with the parameter state sent twice
    Then the authorization request is refused without a code

  @rule:AUTHZ-22 @profile:generic
  Scenario: A client registered only for client_credentials gets no authorization code
    Given tpp1 has registered the code flow client "machine" with:
      """
      {"grant_types": ["client_credentials"], "response_types": []}
      """
    When the PSU requests an authorization for "machine"
    Then the PSU is redirected back with the error "unauthorized_client" in the query

  @rule:AUTHZ-04 @rule:AUTHZ-05 @profile:generic
  Scenario: An unsupported code_challenge_method is refused with invalid_request in the query
    When the PSU requests an authorization for "app" with:
      | code_challenge_method | S512 |
    Then the PSU is redirected back with the error "invalid_request" in the query
    And in the WSO2 dialect the redirect's error description is "Unsupported PKCE Challenge Method"

  @rule:AUTHZ-04 @profile:generic
  Scenario: An error for a request without state is redirected without one
    When the PSU requests an authorization for "app" with:
      | state                 | <absent> |
      | code_challenge_method | S512     |
    Then the PSU is redirected back with the error "invalid_request" in the query
