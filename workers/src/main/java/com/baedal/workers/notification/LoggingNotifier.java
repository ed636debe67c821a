package com.baedal.workers.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Writes every notification as one JSON line (channel, recipients, orderId, kind, text) to the log. */
@Component
@ConditionalOnProperty(name = "baedal.notification.notifier", havingValue = "logging", matchIfMissing = true)
@RequiredArgsConstructor
public class LoggingNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger("baedal.notifications");

    private final ObjectMapper json;

    @Override
    public void send(Notification notification) {
        log.info(line(notification));
    }

    String line(Notification notification) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("channel", notification.channel());
        message.put("recipients", notification.recipients());
        message.put("orderId", notification.orderId());
        message.put("kind", notification.kind().name());
        message.put("text", notification.text());
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write notification of order " + notification.orderId(), e);
        }
    }
}
