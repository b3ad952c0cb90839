@surface:ob-dcr @needs:ob-dcr @needs:mtls @needs:clock-control
Feature: Open Banking DCR, the time claims of a software statement and of a registration request on the second
  The edges of an SSA's and a registration request's validity: the target's clock is held still and
  exp, iat and nbf are computed from it, with the leeway the target declares (RFC 7519 §4.1.4-6).
  A JWT is expired once exp is at or before now minus the leeway; one issued, or valid only from,
  more than the leeway ahead is refused.

  Background:
    Given the target's clock stands still

  Scenario Outline: An SSA whose <claim> is <value> registers
    When tpp1 registers the client "app" with the software statement claims:
      | claim   | value   |
      | <claim> | <value> |
    Then the response status is 201

    @rule:DCR-SSA-05
    Examples: exp just inside the leeway
      | claim | value        |
      | exp   | now-leeway+1 |

    @rule:DCR-SSA-06
    Examples: iat at the leeway
      | claim | value      |
      | iat   | now+leeway |

  Scenario Outline: An SSA whose <claim> is <value> is refused
    When tpp1 registers the client "app" with the software statement claims:
      | claim   | value   |
      | <claim> | <value> |
    Then the response status is 400
    And the response is an OAuth error "invalid_software_statement"
    And tpp1 can still register its software

    @rule:DCR-SSA-05
    Examples: exp at the leeway
      | claim | value      |
      | exp   | now-leeway |

    @rule:DCR-SSA-06
    Examples: iat just past the leeway
      | claim | value        |
      | iat   | now+leeway+1 |

  Scenario Outline: A registration request whose <claim> is <value> registers
    When tpp1 registers the client "app" with the request claims:
      | claim   | value   |
      | <claim> | <value> |
    Then the response status is 201

    @rule:DCR-REQ-13 @rule:JWT-06
    Examples: exp just inside the leeway
      | claim | value        |
      | exp   | now-leeway+1 |

    @rule:JWT-08
    Examples: iat at the leeway
      | claim | value      |
      | iat   | now+leeway |

    @rule:JWT-07
    Examples: nbf at the leeway
      | claim | value      |
      | nbf   | now+leeway |

  Scenario Outline: A registration request whose <claim> is <value> is refused
    When tpp1 registers the client "app" with the request claims:
      | claim   | value   |
      | <claim> | <value> |
    Then the response status is 400
    And the response is an OAuth error "invalid_client_metadata"
    And tpp1 can still register its software

    @rule:DCR-REQ-13 @rule:JWT-06
    Examples: exp at the leeway
      | claim | value      |
      | exp   | now-leeway |

    @rule:JWT-08
    Examples: iat just past the leeway
      | claim | value        |
      | iat   | now+leeway+1 |

    @rule:JWT-07
    Examples: nbf just past the leeway
      | claim | value        |
      | nbf   | now+leeway+1 |

