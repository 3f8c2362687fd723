@NullMarked
package org.convene.contracts.registrations;

import org.jspecify.annotations.NullMarked;
