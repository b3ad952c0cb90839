@surface:token @needs:client-registration @needs:psu-login @needs:grant-authorization-code @needs:grant-refresh-token @needs:mtls
Feature: The refresh_token grant
  A refresh returns a new access token; the server MAY also issue a new refresh token (RFC 6749
  §6). Where a target rotates refresh tokens (`@needs:refresh-token-rotation`; the sandbox's
  default, `validators.refreshTokenRotation: false` turns it off), a used one is refused.

  Background:
    Given tpp1 has registered the authorization code client "app"
    And "app" has obtained tokens with offline access through the authorization code flow

  @rule:CNF-09
  Scenario: A refresh returns a new access token bound to the certificate of the refresh request
    When "app" refreshes its tokens
    Then the refresh response has a new access token
    And the access token of "app" is bound to the certificate of tpp1

  @rule:TOK-14 @needs:refresh-token-rotation
  Scenario: A rotating server returns a new refresh token and refuses the one it replaced
    When "app" refreshes its tokens
    Then the refresh response has a new access token and a new refresh token
    When "app" refreshes with its first refresh token again
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"

  # A rotated refresh token is used up by its first refresh, also when the copies arrive together.
  @rule:TOK-14 @needs:refresh-token-rotation
  Scenario: A rotating server refreshes once for one refresh token sent in four requests at once
    When "app" refreshes its tokens in 4 requests at once
    Then exactly one of those requests is answered 200 and the others 400

  @rule:TOK-24 @needs:refresh-token-rotation @optional
  Scenario: A replaced refresh token presented again ends the refresh token that replaced it
    When "app" refreshes its tokens
    And the response status is 200
    And "app" refreshes with its first refresh token again
    Then the response status is 400
    When "app" refreshes its tokens
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"

  @rule:REV-04 @needs:refresh-token-rotation
  Scenario: Revoking a refresh token that rotation already replaced changes nothing
    When "app" refreshes its tokens
    And the response status is 200
    And "app" revokes its first refresh token
    Then the response status is 200
    When "app" calls userinfo with its access token
    Then the response status is 200
    When "app" refreshes its tokens
    Then the response status is 200

  @rule:TOK-14
  Scenario: A refresh token issued to another client is refused
    Given tpp2 has registered the authorization code client "other"
    When "other" refreshes with the refresh token of "app"
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"

  @rule:TOK-14
  Scenario Outline: A refresh with <what> is refused
    When "app" refreshes with <what>
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"

    Examples:
      | what                                  |
      | a made-up refresh token               |
      | its access token as the refresh token |

  # An opaque access token (Identity Server's token type Default, WSO2-TOK-10) is looked up by
  # its value as a refresh token is: it is still no refresh token.
  @rule:TOK-14
  Scenario: An opaque access token presented as a refresh token is refused
    Given tpp1 has registered the authorization code client "opaque" with:
      """
      {"token_type_extension": "Default"}
      """
    And "opaque" has obtained tokens with offline access through the authorization code flow
    When "opaque" refreshes with its access token as the refresh token
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"

  @rule:TOK-14 @needs:clock-control
  Scenario: An expired refresh token is refused
    When 86401 seconds pass on the authorization server
    And "app" refreshes its tokens
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"

  @rule:TOK-15
  Scenario Outline: A refresh cannot widen the scope (<case>)
    When "app" refreshes its tokens with the scope "<scope>"
    Then the response status is 400
    And the response is an OAuth error "invalid_scope"

    Examples:
      | case                 | scope                    |
      | one more scope       | openid accounts payments |
      | only a new scope     | payments                 |

  @rule:TOK-15
  Scenario: A refresh may narrow the scope
    When "app" refreshes its tokens with the scope "accounts"
    Then the response status is 200
    And the granted scope is "accounts"

  @rule:INTRO-08 @needs:introspection
  Scenario: A wrong token_type_hint does not make the lookup miss
    When the refresh token of "app" is introspected with the hint "access_token"
    Then the introspection says the token is active
    When the access token of "app" is introspected with the hint "refresh_token"
    Then the introspection says the token is active

  @rule:REV-07 @optional @needs:revocation @needs:introspection
  Scenario: Revoking a refresh token also ends the access tokens of its grant
    When the client "app" revokes the refresh token of "app" as tpp1
    Then the response status is 200
    When the access token of "app" is introspected
    Then the introspection says only that the token is inactive
    When the refresh token of "app" is introspected
    Then the introspection says only that the token is inactive

  @rule:TOK-14 @needs:revocation
  Scenario: A revoked refresh token is refused
    When the client "app" revokes the refresh token of "app" as tpp1
    Then the response status is 200
    When "app" refreshes its tokens
    Then the response status is 400
    And the response is an OAuth error "invalid_grant"

  @rule:INTRO-03 @needs:introspection
  Scenario: An active refresh token is reported active
    When the refresh token of "app" is introspected
    Then the introspection says the token is active
    And the response Content-Type is "application/json"

  @rule:INTRO-06 @needs:introspection @needs:revocation
  Scenario: A revoked refresh token is inactive
    When the client "app" revokes the refresh token of "app" as tpp1
    And the refresh token of "app" is introspected
    Then the introspection says only that the token is inactive

  @rule:ERR-06 @needs:userinfo
  Scenario Outline: The <kind> token is not an access token at userinfo
    When "app" presents its <kind> token at userinfo as a Bearer token
    Then the response status is 401
    And the Bearer challenge has the error "invalid_token"

    Examples:
      | kind    |
      | refresh |
      | ID      |

  @rule:REV-03 @rule:ERR-06 @needs:revocation @needs:userinfo
  Scenario: A revoked access token is refused at userinfo
    When the client "app" revokes the access token of "app" as tpp1
    Then the response status is 200
    When "app" calls userinfo with its access token in the Authorization header
    Then the response status is 401
    And the Bearer challenge has the error "invalid_token"

  @rule:ERR-01
  Scenario: A refresh request without the refresh_token parameter is refused as invalid_request
    When the client "app" sends a token request as tpp1 with:
      | field      | value         |
      | grant_type | refresh_token |
    Then the response status is 400
    And the response is an OAuth error "invalid_request"
