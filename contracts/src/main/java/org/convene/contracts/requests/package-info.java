@NullMarked
package org.convene.contracts.requests;

import org.jspecify.annotations.NullMarked;
