@NullMarked
package org.convene.events.organisation.messaging;

import org.jspecify.annotations.NullMarked;
