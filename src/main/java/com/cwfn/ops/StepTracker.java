package com.cwfn.ops;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.OptionalIdentifiedDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * Names the step a transaction is at after the route step being run: every step with an {@code id} in a route
 * file sets {@link FailureHandler#STEP}, so a failure reports the id an engineer sees in the YAML.
 * Steps of error handlers are left out (they must not hide the step that failed).
 */
public class StepTracker implements InterceptStrategy {

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
            Processor nextTarget) {
        if (!(definition instanceof OptionalIdentifiedDefinition<?> d) || !d.hasCustomIdAssigned()
                || insideOnException(definition)) {
            return target;
        }
        String step = d.getId();
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                exchange.setProperty(FailureHandler.STEP, step);
                return super.process(exchange, callback);
            }
        };
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
