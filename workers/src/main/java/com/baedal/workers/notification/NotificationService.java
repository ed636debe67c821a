package com.baedal.workers.notification;

import com.baedal.process.OrderProcess;
import java.util.ArrayList;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends each notification at most once per (order, kind): the row is inserted first ({@code on conflict do
 * nothing}); only the call that inserted it sends, inside the same transaction, so a failed send rolls the row back
 * and the retried task sends again. Two workers racing on one order wait on the unique key and only one sends.
 */
@Service
@RequiredArgsConstructor
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    private final JdbcClient db;
    private final Notifier notifier;

    /** @return true when this call sent it, false when it had been sent before */
    @Transactional
    public boolean send(Notification notification) {
        int inserted = db.sql("""
                        insert into notification (order_id, kind, channel, recipients, text, sent_at)
                        values (:orderId, :kind, :channel, :recipients, :text, now())
                        on conflict (order_id, kind) do nothing
                        """)
                .param("orderId", notification.orderId())
                .param("kind", notification.kind().name())
                .param("channel", notification.channel())
                .param("recipients", String.join(",", notification.recipients()))
                .param("text", notification.text())
                .update();
        if (inserted == 0) {
            log.info("Notification {} of order {} was sent before; not sending again", notification.kind(),
                    notification.orderId());
            return false;
        }
        notifier.send(notification);
        return true;
    }

    /** Operators plus the rider groups of the neighbouring regions the engine named for the escalation. */
    public List<String> escalationRecipients(List<String> neighbourRegions) {
        List<String> recipients = new ArrayList<>();
        recipients.add(OrderProcess.GROUP_OPERATORS);
        neighbourRegions.forEach(neighbour -> recipients.add(OrderProcess.ridersGroup(neighbour)));
        return recipients;
    }
}
