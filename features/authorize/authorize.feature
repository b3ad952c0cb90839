@surface:authorize @needs:client-registration @needs:psu-login @needs:grant-authorization-code
Feature: Authorization endpoint
  The TPP sends the PSU's browser to the authorization endpoint with a signed request object
  (FAPI 1 Advanced, seed 004: request_object_signing_alg PS256, response_types "code id_token").
  The sandbox's test user consents at once; a real deployment needs its login automated.

  Background:
    Given tpp1 has registered the authorization code client "app"

  @rule:WSO2-AUTHZ-01
  Scenario: A valid hybrid request is answered with a code and an ID token in the fragment
    When the PSU authorizes "app"
    Then the response status is 302
    And the PSU is redirected back with an authorization code
    And the ID token of the authorization response is signed by the server for "app" with c_hash, s_hash and the nonce

  # OIDC Core §3.1.2.1: GET and POST alike.
  # FAPI1-Adv §8.6: the server signs with PS256 or ES256, also for a client that registered no
  # id_token_signed_response_alg (OIDC Registration §2's RS256 default does not apply).
  @rule:JWT-24 @rule:DCR-REQ-02 @profile:fapi
  Scenario: Under FAPI a client that registered no ID token algorithm gets its ID tokens signed PS256 or ES256
    Given tpp1 has registered the authorization code client "noalg" with:
      """
      {"id_token_signed_response_alg": "<absent>"}
      """
    When the PSU authorizes "noalg"
    Then the PSU is redirected back with an authorization code
    And the ID token of the authorization response is signed with one of "PS256, ES256"
    And the ID token of the authorization response is signed with the alg its registration response names

  @rule:AUTHZ-20
  Scenario: An authorization request sent by POST is answered as by GET
    Given the authorization request is sent by POST
    When the PSU authorizes "app"
    Then the PSU is redirected back with an authorization code

  @rule:WSO2-AUTHZ-12
  Scenario: A client registered for ES256 ID tokens gets them signed ES256
    Given tpp1 has registered the authorization code client "es256" with:
      """
      {"id_token_signed_response_alg": "ES256"}
      """
    When the PSU authorizes "es256"
    Then the PSU is redirected back with an authorization code
    And the ID token of the authorization response is signed ES256

  @rule:WSO2-AUTHZ-12 @profile:generic
  Scenario: In the generic profile a client registered for RS256 ID tokens gets them signed RS256
    Given tpp1 has registered the authorization code client "rs256" with:
      """
      {"id_token_signed_response_alg": "RS256"}
      """
    When the PSU authorizes "rs256"
    Then the PSU is redirected back with an authorization code
    And the ID token of the authorization response is signed RS256

  @rule:WSO2-AUTHZ-01 @profile:generic
  Scenario: A valid code request is answered with the code and state in the query
    When the PSU authorizes "app" with:
      | response_type | code |
    Then the response status is 302
    And the PSU is redirected back with an authorization code

  @rule:WSO2-AUTHZ-01
  Scenario: Response types are a set: "id_token code" is the hybrid flow too
    When the PSU authorizes "app" with:
      | response_type | id_token code |
    Then the response status is 302
    And the PSU is redirected back with an authorization code
    And the ID token of the authorization response is signed by the server for "app" with c_hash, s_hash and the nonce

  # OIDC Core §6.1: the query's response_type must match the request object's; RFC 6749 §3.1.1: as a set.
  @rule:AUTHZ-07
  Scenario: The query may name the request object's response types in another order
    When the PSU authorizes "app" with the response_type "code id_token" in the request object and "id_token code" in the query
    Then the PSU is redirected back with an authorization code

  @rule:AUTHZ-11
  Scenario: A query response_type other than the request object's is refused
    When the PSU authorizes "app" with the response_type "code id_token" in the request object and "code" in the query
    Then the authorization request is refused without a code

  @rule:WSO2-AUTHZ-01
  Scenario: A state that is not ASCII is hashed as UTF-8 in s_hash
    When the PSU authorizes "app" with:
      | state | café-état-€ |
    Then the PSU is redirected back with an authorization code
    And the ID token of the authorization response is signed by the server for "app" with c_hash, s_hash and the nonce

  @rule:WSO2-AUTHZ-11 @profile:fapi
  Scenario Outline: Under FAPI a <param> only in the query is not used: the request object must carry it
    When the PSU authorizes "app" with the <param> only in the query
    Then the PSU is redirected back with the error "invalid_request" in the fragment

    Examples:
      | param          |
      | nonce          |
      | code_challenge |

  @rule:WSO2-AUTHZ-02
  Scenario Outline: A redirect URI that is not registered is refused on a page, never redirected to (<case>)
    When the PSU authorizes "app" with:
      | redirect_uri | <uri> |
    Then the authorization endpoint answers 400 without redirecting
    And the response is an OAuth error "invalid_request"
    And in the WSO2 dialect the error description is "Your application's callback URL does not match with the registered redirect URLs."

    Examples:
      | case              | uri                                |
      | another host      | https://attacker.example/callback  |
      | a longer path     | https://tpp.example/callback/extra |
      | a trailing slash  | https://tpp.example/callback/      |
      | http scheme       | http://tpp.example/callback        |
      | an added query    | https://tpp.example/callback?x=1   |

  # Identity Server: AbstractResponseTypeRequestValidator (DefaultResponseTypeRequestValidator checks redirect_uri).
  @rule:WSO2-AUTHZ-02
  Scenario: An authorization request without redirect_uri is refused on a page
    When the PSU authorizes "app" with:
      | redirect_uri | <absent> |
    Then the authorization endpoint answers 400 without redirecting
    And the response is an OAuth error "invalid_request"
    And in the WSO2 dialect the error description is "Redirect URI is not present in the authorization request."

  @rule:WSO2-AUTHZ-02
  Scenario: A registered redirect URI in the query does not excuse an unregistered one in the request object
    When the PSU authorizes "app" with the redirect_uri "https://attacker.example/callback" in the request object and the registered one in the query
    Then the authorization endpoint answers 400 without redirecting

  # Identity Server's texts: AbstractResponseTypeRequestValidator (missing), OAuthAppDAO (unknown).
  @rule:WSO2-AUTHZ-03
  Scenario Outline: A missing or unknown client_id is refused on a page (<case>)
    When the PSU authorizes "app" without a request object with:
      | client_id | <client_id> |
    Then the authorization endpoint answers 400 without redirecting
    And the response is an OAuth error "invalid_request"
    And in the WSO2 dialect the error description is "<description>"

    Examples:
      | case    | client_id                    | description                                                                                    |
      | unknown | no-such-client-0000000000000 | Cannot find an application associated with the given consumer key : no-such-client-0000000000000 |
      | missing | <absent>                     | Client Id is not present in the authorization request                                          |

  @rule:WSO2-AUTHZ-04
  Scenario Outline: Once the redirect URI is validated, errors go back to it in the <component> (<case>)
    When the PSU authorizes "app" with:
      | response_type         | <response_type>  |
      | code_challenge_method | <method>         |
    Then the PSU is redirected back with the error "<error>" in the <component>

    Examples:
      | case                        | response_type | method | error                     | component |
      | unknown PKCE method, hybrid | code id_token | S512   | invalid_request           | fragment  |
      | unknown PKCE method, code   | code          | S512   | invalid_request           | query     |
      | unsupported response type   | token         | S256   | unsupported_response_type | query     |

  @rule:WSO2-AUTHZ-07
  Scenario Outline: code id_token needs <what>
    When the PSU authorizes "app" with:
      | <param> | <value> |
    Then the PSU is redirected back with the error "invalid_request" in the fragment

    Examples:
      | what                   | param | value    |
      | a nonce                | nonce | <absent> |
      | the openid scope       | scope | accounts |

  @rule:WSO2-AUTHZ-05 @profile:fapi
  Scenario: Under FAPI an authorization request without a request object is refused
    When the PSU authorizes "app" without a request object with:
      | response_type | code |
    Then the PSU is redirected back with the error "invalid_request" in the query

  @rule:WSO2-AUTHZ-05 @profile:generic
  Scenario: In the generic profile a plain authorization request is served
    When the PSU authorizes "app" without a request object with:
      | response_type | code |
    Then the PSU is redirected back with an authorization code

  @rule:JWT-01
  Scenario: An unsigned request object (alg none) is refused
    When the PSU authorizes "app" with a request object signed with "none"
    Then the PSU is redirected back with the error "invalid_request_object" in the fragment

  # FAPI1-Adv §8.6: PS256 or ES256, a server listing ES256 takes it from a client that registered it.
  @rule:JWT-03 @profile:fapi
  Scenario: Under FAPI a request object signed ES256 with the client's registered EC key is served
    Given the target lists "ES256" in request_object_signing_alg_values_supported
    And tpp1 has registered the authorization code client "ec" with:
      """
      {"request_object_signing_alg": "ES256", "jwks": "{{jwks:tpp1+ec}}"}
      """
    When the PSU authorizes "ec" with a request object signed with "ES256"
    Then the PSU is redirected back with an authorization code

  # FAPI1-Adv §8.6 and RFC 8725 §3.1: RS256 is outside the allow-list, even for a client that
  # registered no request object algorithm and whose key names none.
  @rule:JWT-03 @profile:fapi
  Scenario: Under FAPI a request object signed RS256 is refused from a client that registered no algorithm for it
    Given tpp1 has registered the authorization code client "noalg" with:
      """
      {"request_object_signing_alg": "<absent>", "jwks": "{{jwks:tpp1:noalg}}"}
      """
    When the PSU authorizes "noalg" with a request object signed with "RS256"
    Then the PSU is redirected back with the error "invalid_request_object" in the fragment

  @rule:WSO2-AUTHZ-06
  Scenario Outline: A request object that is not the client's is refused (<case>)
    When the PSU authorizes "app" with a request object signed with "<signing>"
    Then the PSU is redirected back with the error "invalid_request_object" in the fragment

    Examples:
      | case                                   | signing     |
      | signed with another TPP's key          | key of tpp2 |
      | signed with an alg it did not register | RS256       |

  @rule:WSO2-AUTHZ-06
  Scenario Outline: A request object with a bad <claim> is refused (<case>)
    When the PSU authorizes "app" with a request object whose claim "<claim>" is "<value>"
    Then the PSU is redirected back with the error "invalid_request_object" in the fragment

    Examples:
      | case                  | claim     | value                 |
      | another issuer        | iss       | another-client-id     |
      | no expiry             | exp       | <absent>              |
      | expired               | exp       | now-120               |
      | another client_id     | client_id | another-client-id     |

    @rule:JWT-07
    Examples: not valid yet (RFC 7519 §4.1.5)
      | case                  | claim | value   |
      | nbf ten minutes ahead | nbf   | now+600 |

    @rule:JWT-19
    Examples: the audience (FAPI1-Adv 5.2.2-15)
      | case                  | claim | value                                   |
      | another server        | aud   | https://other-bank.example/oauth2/token |
      | no audience           | aud   | <absent>                                |

  @rule:JWT-17 @rule:JWT-18 @profile:fapi
  Scenario Outline: Under FAPI a request object's validity window is limited (<case>)
    When the PSU authorizes "app" with a request object whose claim "<claim>" is "<value>"
    Then the PSU is redirected back with the error "invalid_request_object" in the fragment

    @rule:JWT-17
    Examples: exp at most 60 minutes after nbf (FAPI1-Adv 5.2.2-13)
      | case                     | claim | value    |
      | exp 61 minutes after nbf | exp   | nbf+3660 |

    @rule:JWT-18
    Examples: nbf present and at most 60 minutes old (FAPI1-Adv 5.2.2-17)
      | case                     | claim | value    |
      | no nbf                   | nbf   | <absent> |
      | nbf 61 minutes ago       | nbf   | now-3660 |
