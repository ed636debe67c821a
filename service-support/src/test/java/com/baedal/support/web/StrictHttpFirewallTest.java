package com.baedal.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;

/** The services' firewall: parameter values with control characters are refused, not trimmed into "no value". */
class StrictHttpFirewallTest {

    private final HttpFirewall firewall = new WebProblemsAutoConfiguration().strictHttpFirewall();

    @Test
    void ordinaryParametersPass() {
        HttpServletRequest request = firewalled("status", "PAID");
        assertThat(request.getParameter("status")).isEqualTo("PAID");
        assertThat(firewalled("status", "").getParameter("status")).isEmpty();
        assertThat(firewalled("region", "강남").getParameter("region")).isEqualTo("강남");
    }

    @Test
    void controlCharactersInAParameterValueAreRefused() {
        for (String value : new String[] {"\u0000", "PAID\u0000", "gang\nnam", "a\u001Bb", "\u007F", "x\u0085"}) {
            HttpServletRequest request = firewalled("status", value);
            assertThatThrownBy(() -> request.getParameter("status")).as("value %s", value.codePoints().toArray())
                    .isInstanceOf(RequestRejectedException.class);
            assertThatThrownBy(request::getParameterMap).isInstanceOf(RequestRejectedException.class);
        }
    }

    private HttpServletRequest firewalled(String name, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/stores/s/orders");
        request.setParameter(name, value);
        return firewall.getFirewalledRequest(request);
    }
}
