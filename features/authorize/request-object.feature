@surface:authorize @needs:client-registration @needs:psu-login @needs:grant-authorization-code @needs:request-objects
Feature: Signed request objects (RFC 9101, OIDC Core §6.1)
  A code flow client registered with its JWKS and request_object_signing_alg PS256 sends the
  request's parameters in a signed request object, repeating client_id, response_type, scope and
  redirect_uri in the query. A plain code request is refused under the FAPI profiles (AUTHZ-01),
  so the scenarios that read the answer at the redirect URI run in the generic profile.

  Background:
    Given tpp1 has registered the code flow client "app" with:
      """
      {"request_object_signing_alg": "PS256"}
      """

  @rule:AUTHZ-10 @profile:generic
  Scenario: A request object signed with the client's key and registered algorithm is served
    When the PSU requests an authorization for "app" with a request object
    Then the PSU is redirected back with an authorization code

  @rule:AUTHZ-10 @profile:generic
  Scenario: A request object signed with an algorithm the client did not register is refused
    When the PSU requests an authorization for "app" with a request object signed with "RS256"
    Then the PSU is redirected back with one of the errors "invalid_request_object, invalid_request" in the query

  @rule:AUTHZ-10 @rule:JWT-01 @profile:generic
  Scenario: An unsigned request object (alg none) is refused
    When the PSU requests an authorization for "app" with a request object signed with "none"
    Then the PSU is redirected back with one of the errors "invalid_request_object, invalid_request" in the query

  @rule:JWT-12 @profile:generic
  Scenario: A request object signed with another TPP's key is refused
    When the PSU requests an authorization for "app" with a request object signed with "key of tpp2"
    Then the PSU is redirected back with one of the errors "invalid_request_object, invalid_request" in the query

  @rule:JWT-06 @profile:generic
  Scenario: An expired request object is refused
    When the PSU requests an authorization for "app" with a request object whose claim "exp" is "now-120"
    Then the PSU is redirected back with one of the errors "invalid_request_object, invalid_request" in the query

  @rule:AUTHZ-11
  Scenario: A request object naming another client_id than the query is refused
    When the PSU requests an authorization for "app" with a request object whose claim "client_id" is "another-client-id"
    Then the authorization request is refused without a code

  @rule:AUTHZ-02
  Scenario: A registered redirect URI in the query does not excuse an unregistered one in the request object
    When the PSU requests an authorization for "app" with the redirect_uri "https://attacker.example/callback" in the request object and the registered one in the query
    Then the authorization endpoint does not redirect to the requested redirect URI

  # OIDC Registration §2: without request_object_signing_alg, any algorithm the server supports may be
  # used (here PS256: the TPP's JWK names PS256 as its alg, RFC 7517 §4.4).
  @rule:AUTHZ-10 @profile:generic
  Scenario: A client that registered no request object algorithm may sign with one the server supports
    Given tpp1 has registered the code flow client "free"
    And the target lists "PS256" in request_object_signing_alg_values_supported
    When the PSU requests an authorization for "free" with a request object
    Then the PSU is redirected back with an authorization code

  # OIDC Discovery §3: an algorithm the server lists for request objects is one it takes; the client
  # registered it with a key of its type (RFC 7518 §3.1).
  @rule:AUTHZ-10 @profile:generic
  Scenario Outline: A request object signed <alg> with the client's registered key and algorithm is served
    Given the target lists "<alg>" in request_object_signing_alg_values_supported
    And tpp1 has registered the code flow client "<alg>-client" with:
      """
      {"request_object_signing_alg": "<alg>", "jwks": "{{jwks:<jwks>}}"}
      """
    When the PSU requests an authorization for "<alg>-client" with a request object signed with "<alg>"
    Then the PSU is redirected back with an authorization code

    Examples:
      | alg   | jwks       |
      | ES256 | tpp1+ec    |
      | RS256 | tpp1:rs256 |

  # OIDC Registration §2: "All Request Objects from this Client MUST be rejected, if not signed with
  # this algorithm", even where the registered key names no alg of its own (RFC 7517 §4.4).
  @rule:AUTHZ-10 @profile:generic
  Scenario: A request object signed with another algorithm than the registered one is refused when the key names none
    Given tpp1 has registered the code flow client "noalg" with:
      """
      {"request_object_signing_alg": "PS256", "jwks": "{{jwks:tpp1:noalg}}"}
      """
    When the PSU requests an authorization for "noalg" with a request object signed with "RS256"
    Then the PSU is redirected back with one of the errors "invalid_request_object, invalid_request" in the query

  # JWT-14 (RFC 7515 §3, §4.1.1): a request parameter that is no JWS is refused, without a server error.
  @rule:JWT-14 @profile:generic
  Scenario Outline: A request parameter of <variant> is refused
    When the PSU requests an authorization for "app" with a request parameter of <variant>
    Then the PSU is redirected back with one of the errors "invalid_request_object, invalid_request" in the query

    Examples:
      | variant                                 |
      | three parts that are not base64url JSON |
      | a header without alg                    |

