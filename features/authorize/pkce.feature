@surface:authorize @surface:token @needs:client-registration @needs:psu-login @needs:grant-authorization-code @needs:mtls
Feature: PKCE (RFC 7636)
  Codes are bound to a code challenge; the token request proves possession with the verifier.
  Under FAPI (the UK and CDR profiles) PKCE with S256 is required.

  @rule:PKCE-01 @profile:fapi
  Scenario: Under FAPI an authorization request without code_challenge is refused
    Given tpp1 has registered the authorization code client "app"
    When the PSU authorizes "app" with:
      | code_challenge        | <absent> |
      | code_challenge_method | <absent> |
    Then the PSU is redirected back with the error "invalid_request" in the fragment

  @rule:PKCE-02 @profile:fapi
  Scenario: Under FAPI the plain method is refused, even for a client that enabled it
    Given tpp1 has registered the authorization code client "app" with:
      """
      {"ext_pkce_support_plain": true}
      """
    When the PSU authorizes "app" with:
      | code_challenge_method | plain |
    Then the PSU is redirected back with the error "invalid_request" in the fragment

  @rule:PKCE-03 @profile:fapi
  Scenario: Under FAPI an omitted code_challenge_method means plain and is refused
    Given tpp1 has registered the authorization code client "app" with:
      """
      {"ext_pkce_support_plain": true}
      """
    When the PSU authorizes "app" with:
      | code_challenge        | abcdefghijabcdefghijabcdefghijabcdefghij-._~ |
      | code_challenge_method | <absent>                                     |
    Then the PSU is redirected back with the error "invalid_request" in the fragment

  @rule:WSO2-AUTHZ-08
  Scenario: A client with ext_pkce_mandatory must send a code_challenge
    Given tpp1 has registered the authorization code client "app" with:
      """
      {"ext_pkce_mandatory": true}
      """
    When the PSU authorizes "app" with:
      | code_challenge        | <absent> |
      | code_challenge_method | <absent> |
    Then the PSU is redirected back with the error "invalid_request" in the fragment
    And in the WSO2 dialect the redirect's error description is "PKCE is mandatory for this application. PKCE Challenge is not provided or is not upto RFC 7636 specification."

  # RFC 7636 §4.3: an omitted method is plain. The description is Identity Server's (AuthzUtil.validatePKCEParameters).
  @rule:WSO2-AUTHZ-08 @profile:generic
  Scenario Outline: The plain method is refused for a client that did not enable it (<case>)
    Given tpp1 has registered the authorization code client "app"
    When the PSU authorizes "app" with:
      | code_challenge        | abcdefghijabcdefghijabcdefghijabcdefghij-._~ |
      | code_challenge_method | <method>                                     |
    Then the PSU is redirected back with the error "invalid_request" in the fragment
    And in the WSO2 dialect the redirect's error description is 'This application does not support "plain" transformation algorithm.'

    Examples:
      | case           | method   |
      | named          | plain    |
      | method omitted | <absent> |

  # RFC 7636 §4.2: the challenge is 43 to 128 unreserved characters, for S256 the 43 of a SHA-256
  # hash. The description is Identity Server's (AuthzUtil.validatePKCEParameters).
  @rule:WSO2-AUTHZ-08 @profile:generic
  Scenario Outline: A code_challenge not of RFC 7636's form is refused (<case>)
    Given tpp1 has registered the authorization code client "app"
    When the PSU authorizes "app" with:
      | code_challenge        | <challenge> |
      | code_challenge_method | S256        |
    Then the PSU is redirected back with the error "invalid_request" in the fragment
    And in the WSO2 dialect the redirect's error description is "Code challenge used is not up to RFC 7636 specifications."

    Examples:
      | case          | challenge                                   |
      | 42 characters | abcdefghijabcdefghijabcdefghijabcdefghij12  |
      | a plus sign   | abcdefghijabcdefghijabcdefghijabcdefghij+ab |

  # Identity Server checks PKCE only where the authorization request had a challenge or the
  # application made it mandatory (OAuth2Util.validatePKCE).
  @rule:WSO2-AUTHZ-08 @profile:generic
  Scenario: A client without ext_pkce_mandatory may use the code flow without PKCE
    Given tpp1 has registered the authorization code client "app"
    When the PSU authorizes "app" with:
      | code_challenge        | <absent> |
      | code_challenge_method | <absent> |
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code with:
      | code_verifier | <absent> |
    Then the response status is 200

  # AuthzUtil.validatePKCEParameters checks the method only with a challenge, and
  # OAuth2Util.validatePKCE checks a verifier only for a code issued with one.
  @rule:WSO2-AUTHZ-08 @profile:generic
  Scenario: A code_challenge_method without a code_challenge is ignored for a client without ext_pkce_mandatory
    Given tpp1 has registered the authorization code client "app"
    When the PSU authorizes "app" with:
      | code_challenge        | <absent> |
      | code_challenge_method | S256     |
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code with:
      | code_verifier | <absent> |
    Then the response status is 200

  @rule:WSO2-AUTHZ-08 @rule:PKCE-08 @profile:generic
  Scenario: The plain method works for a client that enabled it
    Given tpp1 has registered the authorization code client "app" with:
      """
      {"ext_pkce_support_plain": true}
      """
    When the PSU authorizes "app" with:
      | code_challenge_method | plain |
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code
    Then the response status is 200

  @rule:PKCE-08
  Scenario: The S256 verifier redeems the code
    Given tpp1 has registered the authorization code client "app"
    When the PSU authorizes "app"
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code
    Then the response status is 200
    And the response member "token_type" is "Bearer"

  # The challenge is the verifier's own S256, so only the verifier's shape can fail it.
  @rule:PKCE-04
  Scenario Outline: A code_verifier of the wrong shape is refused (<case>)
    Given tpp1 has registered the authorization code client "app"
    When the PSU authorizes "app" with the code challenge of the code_verifier "<verifier>"
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code with the code_verifier "<verifier>"
    Then the response status is 400
    And the response is one of the OAuth errors "invalid_grant, invalid_request"

    Examples:
      | case                | verifier                                                                                                                          |
      | 42 characters       | abcdefghijabcdefghijabcdefghijabcdefghij12                                                                                        |
      | 129 characters      | abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghi |
      | a plus sign         | abcdefghijabcdefghijabcdefghijabcdefghij+abc                                                                                      |
      | a slash             | abcdefghijabcdefghijabcdefghijabcdefghij/abc                                                                                      |
      | an equals sign      | abcdefghijabcdefghijabcdefghijabcdefghijabc=                                                                                      |
      | a space             | abcdefghijabcdefghijabcdefghij abcdefghijabc                                                                                      |
      | a non-ASCII letter  | abcdefghijabcdefghijabcdefghijabcdefghijabcé                                                                                      |
      | empty               |                                                                                                                                   |

  @rule:PKCE-05
  Scenario: A well-formed but wrong code_verifier is refused
    Given tpp1 has registered the authorization code client "app"
    When the PSU authorizes "app"
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code with the code_verifier "abcdefghijabcdefghijabcdefghijabcdefghij-._~"
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"

  @rule:PKCE-06
  Scenario: A token request without the code_verifier is refused
    Given tpp1 has registered the authorization code client "app"
    When the PSU authorizes "app"
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code with:
      | code_verifier | <absent> |
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"

  @rule:PKCE-07
  Scenario: Sending the S256 challenge itself as the verifier (a plain downgrade) is refused
    Given tpp1 has registered the authorization code client "app"
    When the PSU authorizes "app"
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code with its code challenge as the code_verifier
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"

  # RFC 9700 §2.1.1: without a code_challenge in the authorization request, a token request
  # carrying a code_verifier is rejected (else PKCE downgrade goes unnoticed).
  @rule:PKCE-10 @profile:generic
  Scenario: A code_verifier for a code issued without a challenge is refused
    Given tpp1 has registered the authorization code client "app"
    When the PSU authorizes "app" with:
      | code_challenge        | <absent> |
      | code_challenge_method | <absent> |
    And the PSU is redirected back with an authorization code
    And "app" redeems the authorization code with:
      | code_verifier | abcdefghijabcdefghijabcdefghijabcdefghij-._~ |
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"
