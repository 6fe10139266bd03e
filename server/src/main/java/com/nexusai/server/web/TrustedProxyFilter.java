package com.nexusai.server.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Behind HAProxy every connection comes from the balancer: the client is in {@code X-Forwarded-For}
 * and the scheme it used in {@code X-Forwarded-Proto}. Those headers are believed only when the
 * connection comes from a trusted proxy ({@link WebProperties#trustedProxies()}); anyone else's are
 * ignored, so a client cannot pick the address the sign-in throttle and the audit see. The client is
 * the right-most address of the chain that is not itself a trusted proxy.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TrustedProxyFilter extends OncePerRequestFilter {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final List<IpAddressMatcher> proxies;

    TrustedProxyFilter(WebProperties properties) {
        this.proxies = properties.trustedProxies().stream().map(String::strip).filter(block -> !block.isEmpty())
                .map(IpAddressMatcher::new).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean forwarded = request.getHeader(FORWARDED_FOR) != null || request.getHeader(FORWARDED_PROTO) != null;
        if (!forwarded || !trusted(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        String client = client(request.getRemoteAddr(), Collections.list(request.getHeaders(FORWARDED_FOR)));
        String proto = lastValue(request.getHeader(FORWARDED_PROTO));
        boolean https = proto == null ? request.isSecure() : "https".equals(proto.toLowerCase(Locale.ROOT));
        chain.doFilter(new ForwardedRequest(request, client, https), response);
    }

    String client(String peer, List<String> forwardedFor) {
        List<String> chain = new ArrayList<>();
        forwardedFor.forEach(header -> {
            for (String hop : header.split(",")) {
                chain.add(hop.strip());
            }
        });
        String client = peer;
        for (int i = chain.size() - 1; i >= 0; i--) {
            String hop = chain.get(i);
            if (!looksLikeAddress(hop)) {
                break; // a forged or garbled entry: stop at the last address we could vouch for
            }
            client = hop;
            if (!trusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        try {
            return proxies.stream().anyMatch(proxy -> proxy.matches(address));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean looksLikeAddress(String hop) {
        return !hop.isEmpty() && hop.length() <= 45 && hop.matches("[0-9A-Fa-f:.]+");
    }

    private static String lastValue(String header) {
        if (header == null) {
            return null;
        }
        String[] values = header.split(",");
        return values[values.length - 1].strip();
    }

    private static final class ForwardedRequest extends HttpServletRequestWrapper {

        private final String client;
        private final boolean https;

        ForwardedRequest(HttpServletRequest request, String client, boolean https) {
            super(request);
            this.client = client;
            this.https = https;
        }

        @Override
        public String getRemoteAddr() {
            return client;
        }

        @Override
        public String getRemoteHost() {
            return client;
        }

        @Override
        public String getScheme() {
            return https ? "https" : "http";
        }

        @Override
        public boolean isSecure() {
            return https;
        }
    }
}
