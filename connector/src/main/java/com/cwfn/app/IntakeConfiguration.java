package com.cwfn.app;

import com.cwfn.connectwise.SigningKeys;
import com.cwfn.fieldnation.WebhookSecrets;
import com.cwfn.http.Refusals;
import com.cwfn.inbox.DatabaseOutage;
import com.cwfn.intake.ConnectWiseIntake;
import com.cwfn.intake.FieldNationIntake;
import com.cwfn.intake.NotReadyAnswer;
import com.cwfn.intake.Recorder;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.InboxStore;
import com.cwfn.store.StateStore;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/**
 * Intake (routes/intake.camel.yaml): the callback and webhook checks that record an event before answering; and the
 * refusals of every HTTP route.
 */
public class IntakeConfiguration implements CamelConfiguration {
    /** Checked by the catalog before any configuration class is injected. */
    @PropertyInject("camel.server.port")
    private int serverPort;

    @BindToRegistry
    public ConnectWiseIntake connectWiseIntake(Settings settings, SigningKeys keys) {
        return new ConnectWiseIntake(settings.text(Catalog.CONNECTWISE_CALLBACK_TOKEN), settings.verifySignature(),
                keys);
    }

    /** The webhook secret: configured, else the one registration keeps in the database (all instances agree). */
    @BindToRegistry
    public WebhookSecrets webhookSecrets(Settings settings, StateStore state, Clock clock) {
        return new WebhookSecrets(settings.text(Catalog.FIELDNATION_WEBHOOK_SECRET), state, clock);
    }

    @BindToRegistry
    public FieldNationIntake fieldNationIntake(WebhookSecrets webhookSecrets) {
        return new FieldNationIntake(webhookSecrets);
    }

    /** Records an arrival in the inbox and answers 202 (both intake routes). */
    @BindToRegistry
    public Recorder recorder(InboxStore inbox, DatabaseOutage outage) {
        return new Recorder(inbox, outage);
    }

    /**
     * How every HTTP route says no (routes/refusals.camel.yaml): intake here, the admin API and the console too.
     * Bound with intake, the first of them.
     */
    @BindToRegistry
    public Refusals refusals(Settings settings) {
        return new Refusals(settings::mask);
    }

    /** Callbacks and webhooks that arrive while intake is not running are told to retry, not 404. */
    @Override
    public void configure(CamelContext context) {
        NotReadyAnswer.installWhenServerStarts(context, serverPort);
    }
}
