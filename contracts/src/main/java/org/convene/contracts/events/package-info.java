@NullMarked
package org.convene.contracts.events;

import org.jspecify.annotations.NullMarked;
