import { useCallback, useState } from 'react'
import { errorMessage } from './api.ts'
import { serverFields, type FieldErrors } from './forms.ts'

/** Busy state and errors of one form; `run` reports a failed request as the server described it. */
export function useFormSubmit() {
  const [busy, setBusy] = useState(false)
  const [fields, setFields] = useState<FieldErrors>({})
  const [message, setMessage] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)

  const fail = useCallback((nextFields: FieldErrors, nextMessage: string | null = null) => {
    setFields(nextFields)
    setMessage(nextMessage)
    setAttempt((count) => count + 1)
  }, [])

  const reset = useCallback(() => {
    setFields({})
    setMessage(null)
  }, [])

  const run = useCallback(
    async (action: () => Promise<void>, describe: (error: unknown) => string = errorMessage): Promise<boolean> => {
      setBusy(true)
      setFields({})
      setMessage(null)
      try {
        await action()
        return true
      } catch (error) {
        const fieldErrors = serverFields(error)
        fail(fieldErrors, describe(error))
        return false
      } finally {
        setBusy(false)
      }
    },
    [fail],
  )

  return { busy, fields, message, attempt, fail, reset, run }
}
