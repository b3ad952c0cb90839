@surface:authorize @needs:client-registration @needs:psu-login @needs:grant-authorization-code @needs:request-objects @needs:clock-control
Feature: A request object's time claims, on the second
  The edges of a request object's validity window: the target's clock is held still and the
  claims are computed from it, with the leeway the target declares (RFC 7519 §4.1.4, §4.1.5;
  FAPI1-Adv §5.2.2-13 and -17: exp at most 60 minutes after nbf, nbf at most 60 minutes old).

  Background:
    Given tpp1 has registered the authorization code client "app"
    And the target's clock stands still

  Scenario Outline: A request object whose <claim> is <value> is served
    When the PSU authorizes "app" with a request object whose claim "<claim>" is "<value>"
    Then the PSU is redirected back with an authorization code

    @rule:JWT-06
    Examples: exp just inside the leeway
      | claim | value        |
      | exp   | now-leeway+1 |

    @rule:JWT-07
    Examples: nbf at the leeway
      | claim | value      |
      | nbf   | now+leeway |

  Scenario Outline: A request object whose <claim> is <value> is refused
    When the PSU authorizes "app" with a request object whose claim "<claim>" is "<value>"
    Then the PSU is redirected back with the error "invalid_request_object"

    @rule:JWT-06
    Examples: exp at the leeway
      | claim | value      |
      | exp   | now-leeway |

    @rule:JWT-07
    Examples: nbf just past the leeway
      | claim | value        |
      | nbf   | now+leeway+1 |

  @rule:JWT-17 @rule:JWT-18 @profile:fapi
  Scenario: Under FAPI, nbf exactly 60 minutes old with exp 60 minutes after it is served
    When the PSU authorizes "app" with a request object whose claims are:
      | nbf | now-3600 |
      | exp | now      |
    Then the PSU is redirected back with an authorization code

  @rule:JWT-18 @profile:fapi
  Scenario: Under FAPI, nbf a second more than 60 minutes old is refused though the lifetime is within 60 minutes
    When the PSU authorizes "app" with a request object whose claims are:
      | nbf | now-3601 |
      | exp | now-1    |
    Then the PSU is redirected back with the error "invalid_request_object"

  @rule:JWT-17 @profile:fapi
  Scenario: Under FAPI, exp a second more than 60 minutes after nbf is refused
    When the PSU authorizes "app" with a request object whose claims are:
      | nbf | now      |
      | exp | nbf+3601 |
    Then the PSU is redirected back with the error "invalid_request_object"
