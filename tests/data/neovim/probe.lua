-- Drives Neovim's built-in LSP client (0.7 and later) against `jfrun lsp`, for
-- tests/editor_neovim.rs. Run as
--   nvim --headless --clean -n -i NONE -c 'luafile probe.lua'
-- with the environment:
--   JFRUN_BIN    the jfrun binary (started as `JFRUN_BIN lsp`)
--   JFRUN_FILES  the files to open, one per line, in order
--   JFRUN_OUT    where to write the JSON report
-- Each file is opened in its own buffer and attached to the one client; the report has, per
-- file, the diagnostics Neovim holds once the server published them for it, and, when the
-- file has a line starting with the step `sh`, the hover on `sh` and the completion response
-- right after it. Neovim always quits, writing whatever error stopped the probe.

local TIMEOUT = 20000

local report = { files = {} }
local published = {}

local function probe()
  local bin = assert(os.getenv('JFRUN_BIN'), 'JFRUN_BIN is not set')
  local files = vim.split(assert(os.getenv('JFRUN_FILES'), 'JFRUN_FILES is not set'), '\n',
    { trimempty = true })

  local client_id = vim.lsp.start_client({
    name = 'jfrun',
    cmd = { bin, 'lsp' },
    root_dir = vim.fn.fnamemodify(files[1], ':p:h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
        published[result.uri] = (published[result.uri] or 0) + 1
      end,
    },
    on_exit = function(code, signal)
      report.server_exit = { code = code, signal = signal }
    end,
  })
  assert(client_id, 'the client did not start')
  report.client_started = true

  for _, file in ipairs(files) do
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    local bufnr = vim.api.nvim_get_current_buf()
    local uri = vim.uri_from_bufnr(bufnr)
    assert(vim.lsp.buf_attach_client(bufnr, client_id), 'attach failed for ' .. file)
    local entry = { file = file }
    table.insert(report.files, entry)

    entry.published = vim.wait(TIMEOUT, function()
      return published[uri] ~= nil
    end, 10)
    entry.diagnostics = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(entry.diagnostics, {
        line = d.lnum,
        col = d.col,
        message = d.message,
        code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or vim.NIL,
      })
    end
    table.sort(entry.diagnostics, function(a, b)
      if a.line ~= b.line then
        return a.line < b.line
      end
      return a.col < b.col
    end)

    -- The first line whose first word is the step `sh`.
    local sh_line, sh_col
    for i, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
      local col = text:find('^%s*sh[%s\'"(]')
      if col then
        sh_line, sh_col = i - 1, #text:match('^%s*')
        break
      end
    end
    if sh_line then
      entry.sh = { line = sh_line, character = sh_col }
      local at = function(character)
        return {
          textDocument = { uri = uri },
          position = { line = sh_line, character = character },
        }
      end

      local hovers = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', at(sh_col + 1), TIMEOUT)
      local hover = hovers and hovers[client_id]
      entry.hover = { answered = hover ~= nil }
      if hover and hover.result and hover.result.contents then
        local contents = hover.result.contents
        entry.hover.value = contents.value or contents
      end
      local hover_err = hover and (hover.err or hover.error)
      if hover_err then
        entry.hover.error = { code = hover_err.code, message = hover_err.message }
      end

      -- Sent through the client itself, not buf_request_sync: that would not send a request
      -- the server does not announce, and the point is to see what the server answers.
      local client = vim.lsp.get_client_by_id(client_id)
      local caps = client.server_capabilities or client.resolved_capabilities or {}
      local completion = {
        announced = caps.completionProvider ~= nil and caps.completionProvider ~= false,
        answered = false,
      }
      entry.completion = completion
      local params = at(sh_col + 2)
      params.context = { triggerKind = 1 }
      client.request('textDocument/completion', params, function(err, result)
        completion.answered = true
        if err then
          completion.error = { code = err.code, message = err.message }
        end
        local items = result
        if type(result) == 'table' and result.items then
          items = result.items
        end
        completion.labels = {}
        if type(items) == 'table' then
          for _, item in ipairs(items) do
            table.insert(completion.labels, item.label)
          end
        end
      end, bufnr)
      vim.wait(TIMEOUT, function()
        return completion.answered
      end, 10)
    end
  end

  vim.lsp.stop_client(client_id)
  report.server_stopped = vim.wait(TIMEOUT, function()
    return report.server_exit ~= nil
  end, 10)
end

local ok, err = pcall(probe)
if not ok then
  report.error = tostring(err)
end
local out = os.getenv('JFRUN_OUT') or 'jfrun-neovim.json'
vim.fn.writefile({ vim.fn.json_encode(report) }, out)
vim.cmd('qa!')
