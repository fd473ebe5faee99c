package com.cwfn.app;

import com.cwfn.admin.CallbackRegistration;
import com.cwfn.admin.RegistrationWatch;
import com.cwfn.admin.WebhookRegistration;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.fieldnation.WebhookSecrets;
import com.cwfn.settings.Settings;
import com.cwfn.store.NoticeStore;
import com.cwfn.store.StateStore;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The ConnectWise callback and the Field Nation webhook: registering them, and watching that they stay active. */
public class RegistrationsConfiguration implements CamelConfiguration {

    @BindToRegistry
    public CallbackRegistration callbackRegistration(ConnectWiseClient cw, Settings settings) {
        return new CallbackRegistration(cw, settings);
    }

    @BindToRegistry
    public WebhookRegistration webhookRegistration(FieldNationClient fn, Settings settings, WebhookSecrets secrets) {
        return new WebhookRegistration(fn, settings, secrets);
    }

    /** Reconciliation looks at the registrations through it: a change is mailed once, repaired when asked. */
    @BindToRegistry
    public RegistrationWatch registrationWatch(CallbackRegistration callbacks, WebhookRegistration webhooks,
            StateStore state, NoticeStore notices, Settings settings, Clock clock) {
        return new RegistrationWatch(callbacks, webhooks, state, notices, settings, clock);
    }
}
