package com.cwfn.inbox;

import java.util.Set;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.OptionalIdentifiedDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the step a transaction is at after the route step being run: every step with an {@code id} in a route
 * file sets {@link FailureHandler#STEP}, so a failure reports the id an engineer sees in the YAML. Steps of the
 * sync flows (dispatch, sync-back) are also logged, one line each, with the transaction's ticket, work order,
 * direction and correlation id in the MDC. Steps of error handlers are left out (they must not hide the step
 * that failed).
 */
public class StepTracker implements InterceptStrategy {
    private static final Logger LOG = LoggerFactory.getLogger("com.cwfn.steps");
    private static final Set<String> FLOWS = Set.of("dispatch", "sync-back", "routing");

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
            Processor nextTarget) {
        if (!(definition instanceof OptionalIdentifiedDefinition<?> d) || !d.hasCustomIdAssigned()
                || insideOnException(definition)) {
            return target;
        }
        String step = d.getId();
        boolean logged = FLOWS.contains(routeId(definition));
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                exchange.setProperty(FailureHandler.STEP, step);
                if (!logged) {
                    return super.process(exchange, callback);
                }
                long started = System.nanoTime();
                return super.process(exchange, done -> {
                    if (exchange.getException() == null) {
                        LOG.info("step {} ok in {} ms", step, (System.nanoTime() - started) / 1_000_000);
                    }
                    callback.done(done);
                });
            }
        };
    }

    private static String routeId(NamedNode node) {
        for (NamedNode n = node; n != null; n = n.getParent()) {
            if (n instanceof RouteDefinition r) {
                return r.getRouteId();
            }
        }
        return null;
    }

    private static boolean insideOnException(NamedNode node) {
        for (NamedNode n = node; n != null; n = n.getParent()) {
            if (n instanceof OnExceptionDefinition) {
                return true;
            }
            if (!(n instanceof ProcessorDefinition<?>)) {
                return false;
            }
        }
        return false;
    }
}
