package com.baedal.workers.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.process.OrderProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.baedal.process.OrderProcess;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class LoggingNotifierTest {

    private final ObjectMapper json = new ObjectMapper();
    private final LoggingNotifier notifier = new LoggingNotifier(json);

    private final Notification message = new Notification("o-1", NotificationKind.RIDER_SEARCH_ESCALATED,
            Notification.CHANNEL_PUSH, List.of(OrderProcess.GROUP_OPERATORS, OrderProcess.ridersGroup("seocho")), "No rider has taken \"A1\" yet");

    @Test
    void oneJsonLinePerMessageWithChannelRecipientsOrderAndText() throws Exception {
        JsonNode line = json.readTree(notifier.line(message));

        assertThat(line.get("channel").asText()).isEqualTo("push");
        assertThat(line.get("recipients")).hasSize(2);
        assertThat(line.get("recipients").get(1).asText()).isEqualTo(OrderProcess.ridersGroup("seocho"));
        assertThat(line.get("orderId").asText()).isEqualTo("o-1");
        assertThat(line.get("kind").asText()).isEqualTo("RIDER_SEARCH_ESCALATED");
        assertThat(line.get("text").asText()).isEqualTo("No rider has taken \"A1\" yet");
    }

    @Test
    void writesTheLineToTheLog(CapturedOutput output) {
        notifier.send(message);

        assertThat(output.getOut()).contains(notifier.line(message));
    }
}
